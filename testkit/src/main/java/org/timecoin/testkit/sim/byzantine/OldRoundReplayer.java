package org.timecoin.testkit.sim.byzantine;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.testkit.sim.Behaviour;
import org.timecoin.testkit.sim.RunEvents;
import org.timecoin.testkit.sim.SimMessage;
import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;
import org.timecoin.testkit.sim.SimNode;

/**
 * Follows the protocol, but keeps the proposals and votes it receives and, every few hundred
 * milliseconds, sends a few messages of earlier rounds or heights to random peers. The messages are
 * genuine (correctly signed), only stale.
 */
public final class OldRoundReplayer implements Behaviour {
  private static final int KEPT = 512;

  private final List<SimMessage> seen = new ArrayList<>();
  private int next;

  @Override
  public String name() {
    return "old-round-replayer";
  }

  @Override
  public void observe(SimNode node, int from, SimMessage message) {
    if (message instanceof ProposalMsg || message instanceof VoteMsg) {
      if (seen.size() < KEPT) {
        seen.add(message);
      } else {
        seen.set(next, message);
        next = (next + 1) % KEPT;
      }
    }
  }

  @Override
  public void onStart(SimNode node) {
    schedule(node);
  }

  private void schedule(SimNode node) {
    node.run()
        .scheduler()
        .scheduleAfterMillis(
            50 + node.random().nextLong(350),
            () -> {
              if (node.isUp()) {
                replay(node);
                schedule(node);
              }
            });
  }

  private void replay(SimNode node) {
    if (seen.isEmpty()) {
      return;
    }
    int peers = node.run().network().size();
    for (int i = 0, count = 1 + node.random().nextInt(4); i < count; i++) {
      SimMessage m = seen.get(node.random().nextInt(seen.size()));
      if (isOld(node, m) && peers > 1) {
        int to = node.random().nextInt(peers - 1);
        node.send(to >= node.endpoint() ? to + 1 : to, m);
        node.run().count(RunEvents.STALE_REPLAYED);
      }
    }
  }

  private static boolean isOld(SimNode node, SimMessage m) {
    int round =
        switch (m) {
          case ProposalMsg p -> p.proposal().round();
          case VoteMsg v -> v.vote().round();
          default -> Integer.MAX_VALUE;
        };
    return m.height() < node.height() || (m.height() == node.height() && round < node.round());
  }
}
