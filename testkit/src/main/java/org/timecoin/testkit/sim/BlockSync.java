package org.timecoin.testkit.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.testkit.sim.SimMessage.CatchUpMsg;
import org.timecoin.testkit.sim.SimMessage.StatusMsg;

/**
 * A node's side of catching peers up: it asks peers that are ahead for the decisions it lacks,
 * answers peers that lag a height with the decisions it has and peers that lag a round with its
 * votes of that round (each at most once a second per peer), and checks a received decision's
 * certificate before it is adopted.
 */
final class BlockSync {
  private static final long RESEND_NANOS = Duration.ofSeconds(1).toNanos();

  private final SimNode node;
  private final Map<Long, Long> offeredNanos = new HashMap<>();
  private final Map<Integer, Long> askedNanos = new HashMap<>();
  private final Map<RoundOf, Long> roundOfferedNanos = new HashMap<>();

  private record RoundOf(long height, int round, int peer) {}

  BlockSync(SimNode node) {
    this.node = node;
  }

  /** Forgets the rate limits (they live in memory only). */
  void reset() {
    offeredNanos.clear();
    askedNanos.clear();
    roundOfferedNanos.clear();
  }

  /** Sends peer {@code to} our decision of {@code height}, if we have one. */
  void offer(int to, long height) {
    HeightDecision d = node.decision(height);
    if (d == null || !due(offeredNanos, height * 65_536 + to)) {
      return;
    }
    node.run().log("%s sends catch-up for h=%d to node%d", node, height, to);
    node.send(to, new CatchUpMsg(d.height(), d.round(), node.block(d.value()), d.precommits()));
  }

  /**
   * Sends peer {@code to}, still in an earlier {@code round} of our height, the messages we signed
   * in that round: without them it may never see the 2f+1 votes that let it leave the round.
   */
  void offerRound(int to, long height, int round, List<SimMessage> ours) {
    if (ours.isEmpty() || !due(roundOfferedNanos, new RoundOf(height, round, to))) {
      return;
    }
    for (SimMessage m : ours) {
      node.send(to, m);
    }
  }

  /** Tells {@code peer}, which is ahead of us, which height we are stuck at. */
  void ask(int peer, long ourHeight) {
    if (due(askedNanos, peer)) {
      node.send(peer, new StatusMsg(ourHeight));
    }
  }

  private <K> boolean due(Map<K, Long> sent, K key) {
    long now = node.run().scheduler().nowNanos();
    Long last = sent.get(key);
    if (last != null && now - last < RESEND_NANOS) {
      return false;
    }
    sent.put(key, now);
    return true;
  }

  /**
   * The check of a commit certificate: precommits for a valid block at the certificate's (height,
   * round), correctly signed by distinct validators holding more than 2/3 of the voting power.
   */
  static boolean verifies(CatchUpMsg c, ValidatorSet validators, MessageVerifier verifier) {
    SyntheticBlock block = c.block();
    if (block == null || !block.validAt(c.height())) {
      return false;
    }
    Set<PublicKey> signers = new HashSet<>();
    long power = 0;
    for (Vote v : c.precommits()) {
      boolean ok =
          v.type() == VoteType.PRECOMMIT
              && v.height() == c.height()
              && v.round() == c.round()
              && block.hash().equals(v.value())
              && validators.contains(v.validator())
              && verifier.verify(v)
              && signers.add(v.validator());
      if (ok) {
        power += validators.get(v.validator()).orElseThrow().votingPower();
      }
    }
    return validators.hasQuorum(power);
  }
}
