package org.timecoin.consensus.runtime;

import java.util.List;
import java.util.Map;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.EquivocationEvidence;
import org.timecoin.consensus.RoundChangeCause;
import org.timecoin.consensus.Step;
import org.timecoin.domain.crypto.PublicKey;

/**
 * A read-only snapshot of the consensus runtime for {@code getconsensusinfo} and monitoring. Taken
 * by the owner thread after each event; safe to read from any thread.
 *
 * @param proposer proposer(height, round), null before the first height starts
 * @param lockedValue null when not locked ({@code lockedRound} is then -1)
 * @param lastCommitWallMillis wall time of the last decision, -1 if none since start
 * @param roundChanges round changes since start, by cause
 * @param haltReason null while running; why consensus stopped otherwise
 * @param recentEvidence the latest equivocations seen (at most {@value #MAX_RECENT_EVIDENCE}),
 *     oldest first
 */
public record ConsensusStatus(
    long height,
    int round,
    Step step,
    PublicKey proposer,
    boolean validator,
    int lockedRound,
    Hash32 lockedValue,
    int validRound,
    long lastDecidedHeight,
    long lastCommitWallMillis,
    Map<RoundChangeCause, Long> roundChanges,
    long equivocations,
    long droppedNetworkInputs,
    String haltReason,
    List<EquivocationEvidence> recentEvidence) {

  public static final int MAX_RECENT_EVIDENCE = 16;

  public ConsensusStatus {
    roundChanges = Map.copyOf(roundChanges);
    recentEvidence = List.copyOf(recentEvidence);
  }

  static final ConsensusStatus NOT_STARTED =
      new ConsensusStatus(
          0,
          0,
          Step.NEW_HEIGHT,
          null,
          false,
          -1,
          null,
          -1,
          -1,
          -1,
          Map.of(),
          0,
          0,
          null,
          List.of());

  public long totalRoundChanges() {
    return roundChanges.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean halted() {
    return haltReason != null;
  }
}
