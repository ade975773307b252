package org.timecoin.consensus.runtime;

import org.timecoin.consensus.EquivocationEvidence;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.RejectReason;

/**
 * Optional port for misbehaviour: the p2p layer maps a refused message back to the peer that
 * relayed it and penalises it, and keeps evidence. Called on the owner thread or, for messages
 * refused before queueing (bad signature, block not matching its proposal), on the validation pool;
 * must not block.
 */
public interface ConsensusListener {
  /** A proposal or vote refused for a reason that is its sender's fault. */
  default void rejected(Input input, RejectReason reason) {}

  /** A validator signed two conflicting votes. */
  default void equivocation(EquivocationEvidence evidence) {}

  ConsensusListener NONE = new ConsensusListener() {};
}
