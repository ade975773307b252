package org.timecoin.consensus;

/** Why a height moved to a higher round: this is the view change of the protocol. */
public enum RoundChangeCause {
  /** Lines 65-67: the precommit timeout of the current round expired. */
  PRECOMMIT_TIMEOUT,
  /** More than 2/3 of the power precommitted nil: no value can be decided in this round. */
  PRECOMMIT_NIL_QUORUM,
  /** Lines 55-56: votes of more than 1/3 of the voting power were seen for a higher round. */
  ROUND_SKIP
}
