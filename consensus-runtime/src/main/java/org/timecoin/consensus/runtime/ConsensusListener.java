package org.timecoin.consensus.runtime;

import java.time.Duration;
import org.timecoin.consensus.EquivocationEvidence;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.RoundChangeCause;
import org.timecoin.consensus.TimeoutKind;

/**
 * Optional port for misbehaviour and progress: the p2p layer maps a refused message back to the
 * peer that relayed it and penalises it, and keeps evidence; a simulation also watches round
 * changes and timeouts. Called on the owner thread or, for messages refused before queueing (bad
 * signature, block not matching its proposal), on the validation pool; must not block.
 */
public interface ConsensusListener {
  /** A proposal or vote refused for a reason that is its sender's fault. */
  default void rejected(Input input, RejectReason reason) {}

  /** A validator signed two conflicting votes. */
  default void equivocation(EquivocationEvidence evidence) {}

  /** The height left {@code oldRound} for {@code newRound} (a view change), for {@code cause}. */
  default void roundChanged(long height, int oldRound, int newRound, RoundChangeCause cause) {}

  /** A step timeout of (height, round) was set to fire after {@code delay}. */
  default void timeoutScheduled(TimeoutKind kind, long height, int round, Duration delay) {}

  ConsensusListener NONE = new ConsensusListener() {};
}
