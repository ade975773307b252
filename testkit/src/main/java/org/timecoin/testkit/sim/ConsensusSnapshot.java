package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.ConsensusState;

/**
 * The parts of a node's consensus state that replaying its WAL after a crash must bring back. With
 * the whole log kept, all of them; when the crash lost the records not yet synced, only the lock,
 * which is set just before the node signs (and syncs) its precommit.
 */
record ConsensusSnapshot(
    long height,
    int round,
    Optional<Hash32> lockedValue,
    int lockedRound,
    Optional<Hash32> validValue,
    int validRound,
    Optional<Hash32> decision) {

  static ConsensusSnapshot of(ConsensusState s) {
    return new ConsensusSnapshot(
        s.height(),
        s.round(),
        s.lockedValue(),
        s.lockedRound(),
        s.validValue(),
        s.validRound(),
        s.decision());
  }

  /** What {@code replayed} failed to restore, or null if nothing. */
  String lostIn(ConsensusSnapshot replayed, boolean wholeLog) {
    List<String> lost = new ArrayList<>();
    if (lockedRound != replayed.lockedRound || !lockedValue.equals(replayed.lockedValue)) {
      lost.add("lock r=" + lockedRound + " -> r=" + replayed.lockedRound);
    }
    if (wholeLog) {
      if (height != replayed.height || round != replayed.round) {
        lost.add("h/r " + height + "/" + round + " -> " + replayed.height + "/" + replayed.round);
      }
      if (validRound != replayed.validRound || !validValue.equals(replayed.validValue)) {
        lost.add("valid r=" + validRound + " -> r=" + replayed.validRound);
      }
      if (!Objects.equals(decision, replayed.decision)) {
        lost.add("decision " + decision.isPresent() + " -> " + replayed.decision.isPresent());
      }
    }
    return lost.isEmpty() ? null : String.join(", ", lost);
  }
}
