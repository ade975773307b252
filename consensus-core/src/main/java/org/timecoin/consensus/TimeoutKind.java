package org.timecoin.consensus;

/** The three timeouts of Algorithm 1: timeoutPropose, timeoutPrevote, timeoutPrecommit. */
public enum TimeoutKind {
  PROPOSE,
  PREVOTE,
  PRECOMMIT
}
