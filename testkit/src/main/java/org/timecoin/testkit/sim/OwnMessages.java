package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;

/** The messages a node signed at its current height, kept so it can send them again. */
final class OwnMessages {
  private final List<SimMessage> messages = new ArrayList<>();
  private long height = -1;

  void add(long atHeight, SimMessage message) {
    if (atHeight != height) {
      messages.clear();
      height = atHeight;
    }
    messages.add(message);
  }

  /** Our messages of (height, round), oldest first. */
  List<SimMessage> of(long atHeight, int round) {
    if (atHeight != height) {
      return List.of();
    }
    List<SimMessage> out = new ArrayList<>();
    for (SimMessage m : messages) {
      int r =
          switch (m) {
            case ProposalMsg p -> p.proposal().round();
            case VoteMsg v -> v.vote().round();
            default -> -1;
          };
      if (r == round) {
        out.add(m);
      }
    }
    return out;
  }

  void clear() {
    messages.clear();
    height = -1;
  }
}
