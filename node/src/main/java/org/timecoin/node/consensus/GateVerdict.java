package org.timecoin.node.consensus;

/**
 * What {@link ConsensusMessageGate} made of one proposal or vote. A verdict that {@link
 * #penalises()} is the sender's fault whoever signed the message: honest peers relay only what
 * passed their own gate, and no honest node produces it. The others are dropped quietly, because an
 * honest peer may send them (it lags, it is a little ahead, it re-sends).
 */
public enum GateVerdict {
  ACCEPTED(false),

  // Dropped without penalty: plausibly honest.
  /** A height below ours: a lagging peer's current height, or a late vote. */
  OLD_HEIGHT(false),
  /** More than one height ahead of ours: we lag, and block sync catches us up. */
  FUTURE_HEIGHT(false),
  /** More than the round window ahead of our round: we lag within the height. */
  FUTURE_ROUND(false),
  /** The very same signed message was accepted before: a replay or a gossip echo. */
  ALREADY_KNOWN(false),
  /** Its validator already has its share of distinct messages for this slot. */
  SLOT_FULL(false),
  /** The sender is no longer connected (banned or gone): its queued messages are not checked. */
  SENDER_GONE(false),
  /** Too many signature checks are waiting: dropped, gossip sends it again. */
  BUSY(false),

  // Refused and penalised.
  /** Impossible fields: height or round negative, the block missing or not the one proposed. */
  MALFORMED(true),
  /** A proposed block larger than the genesis {@code max_block_bytes}. */
  OVERSIZE(true),
  /** A proposal whose validRound is not in [-1, round). */
  INVALID_VALID_ROUND(true),
  /** A height so far ahead of ours and of what the sender itself claims that no node is there. */
  ABSURD_HEIGHT(true),
  /** A round so far ahead of ours that no honest validator can have reached it. */
  ABSURD_ROUND(true),
  /** Signed by a key that is not a validator of the height. */
  NOT_A_VALIDATOR(true),
  /** A proposal signed by someone other than proposer(height, round). */
  WRONG_PROPOSER(true),
  /** The signature does not verify. */
  BAD_SIGNATURE(true);

  private final boolean penalises;

  GateVerdict(boolean penalises) {
    this.penalises = penalises;
  }

  /** True when the sender is penalised for it. */
  public boolean penalises() {
    return penalises;
  }
}
