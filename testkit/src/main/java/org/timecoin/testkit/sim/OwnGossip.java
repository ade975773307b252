package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.consensus.ConsensusState;
import org.timecoin.consensus.Step;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;

/**
 * The messages a node signed at its current height, and their re-sending. Consensus needs every
 * message to arrive eventually; a real node's gossip re-sends what peers lack. Here: when a node
 * has not moved (same height, round and step) for a gossip interval, it sends its own messages of
 * the current round again, backing off (1 s, 2 s, 4 s, 8 s) while it stays stuck.
 */
final class OwnGossip {
  private final SimNode node;
  private final List<SimMessage> messages = new ArrayList<>();
  private long height = -1;
  private String lastPosition = "";
  private long delayMillis;

  OwnGossip(SimNode node) {
    this.node = node;
  }

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

  /** Forgets everything (the memory of a crashed node). */
  void clear() {
    messages.clear();
    height = -1;
    lastPosition = "";
  }

  /** Starts the re-send loop of the node's life {@code life}; it ends when that life does. */
  void start(int life) {
    delayMillis = node.run().gossipIntervalMillis();
    schedule(life);
  }

  private void schedule(int life) {
    long interval = delayMillis;
    node.run()
        .scheduler()
        .scheduleAfterMillis(
            interval / 2 + node.random().nextLong(interval),
            () -> {
              if (!node.alive(life)) {
                return;
              }
              ConsensusState st = node.consensusState();
              String position = st.height() + "/" + st.round() + "/" + st.step();
              if (position.equals(lastPosition) && st.step() != Step.COMMIT) {
                resend(st.height(), st.round());
                delayMillis = Math.min(delayMillis * 2, 8 * node.run().gossipIntervalMillis());
              } else {
                delayMillis = node.run().gossipIntervalMillis();
              }
              lastPosition = position;
              schedule(life);
            });
  }

  private void resend(long atHeight, int round) {
    for (SimMessage m : of(atHeight, round)) {
      node.run().log("%s re-sends %s", node, m);
      node.run().metrics().resent();
      node.broadcast(m);
    }
  }
}
