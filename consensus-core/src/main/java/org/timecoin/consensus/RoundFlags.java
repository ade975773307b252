package org.timecoin.consensus;

/**
 * The "for the first time" guards of the current round (lines 34, 36, 47) and whether this node, as
 * proposer, already asked for a value or proposed. All reset by StartRound.
 */
record RoundFlags(
    boolean prevoteTimeoutScheduled,
    boolean polkaValueHandled,
    boolean precommitTimeoutScheduled,
    boolean proposed) {
  static final RoundFlags FRESH = new RoundFlags(false, false, false, false);

  RoundFlags withPrevoteTimeoutScheduled() {
    return new RoundFlags(true, polkaValueHandled, precommitTimeoutScheduled, proposed);
  }

  RoundFlags withPolkaValueHandled() {
    return new RoundFlags(prevoteTimeoutScheduled, true, precommitTimeoutScheduled, proposed);
  }

  RoundFlags withPrecommitTimeoutScheduled() {
    return new RoundFlags(prevoteTimeoutScheduled, polkaValueHandled, true, proposed);
  }

  RoundFlags withProposed() {
    return new RoundFlags(
        prevoteTimeoutScheduled, polkaValueHandled, precommitTimeoutScheduled, true);
  }
}
