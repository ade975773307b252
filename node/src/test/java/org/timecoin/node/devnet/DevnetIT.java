package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.node.TimeNode;

/** Real TCP on 127.0.0.1, four validators in this JVM. */
class DevnetIT {
  static final long LATE_BY_BLOCKS = 1_000;

  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  LocalDevnet devnet(int validators) {
    int base = Ports.freeRun(2 * validators + 4);
    net =
        LocalDevnet.create(
            dir,
            validators,
            base,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            List.of(),
            Clock.SYSTEM);
    return net;
  }

  void awaitAll(Predicate<TimeNode> condition) {
    awaitAll(condition, Duration.ofSeconds(60));
  }

  void awaitAll(Predicate<TimeNode> condition, Duration atMost) {
    try {
      await().atMost(atMost).until(() -> net.running().stream().allMatch(condition));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("devnet did not get there:" + net.describe(), e);
    }
  }

  @Test
  void fourValidatorsFinalizeTheSameBlocks() throws Exception {
    devnet(4).startAll();
    awaitAll(n -> n.chain().height() >= 5);
    TimeNode a = net.node(0);
    for (TimeNode n : net.running()) {
      assertThat(n.chain().store().blocks().blockAt(5).orElseThrow().hash())
          .isEqualTo(a.chain().store().blocks().blockAt(5).orElseThrow().hash());
    }
  }

  long maxHeight() {
    return net.running().stream().mapToLong(n -> n.chain().height()).max().orElse(0);
  }

  /**
   * The validators start with a history of 1,000 certified blocks (written into their stores, as
   * running consensus that long would take minutes); the full node joins with none.
   */
  @Test
  void aFullNodeStarted1000BlocksLateCatchesUpAndThenFollows() throws Exception {
    devnet(4).prebuildEmptyBlocks((int) LATE_BY_BLOCKS);
    net.startAll();
    awaitAll(n -> n.chain().height() >= LATE_BY_BLOCKS + 2);
    int base = Ports.freeRun(2);
    int full = net.addFullNode(base, base + 1);
    TimeNode f = net.start(full);
    assertThat(f.isValidator()).isFalse();
    long target = maxHeight();
    awaitAll(n -> n.chain().height() >= target);
    long later = maxHeight() + 3;
    awaitAll(n -> n.chain().height() >= later);
    assertThat(f.chain().store().blocks().blockAt(target).orElseThrow().hash())
        .isEqualTo(net.node(0).chain().store().blocks().blockAt(target).orElseThrow().hash());
    assertThat(f.sync().distrustedPeers()).isZero();
    assertThat(net.node(0).network().peers())
        .anyMatch(p -> p.nodeKey().equals(f.key().publicKey()));
  }

  @Test
  void whenTheProposerIsKilledTheOthersGoOnAndItRejoinsAfterRestart() throws Exception {
    devnet(4).startAll();
    awaitAll(n -> n.chain().height() >= 3);
    // stop the round-0 proposer of the next height before that height starts
    long next = net.node(0).chain().height() + 2;
    var proposer = ProposerSelector.proposer(net.node(0).chain().validators(), next, 0);
    int victim = 0;
    for (int i = 0; i < net.size(); i++) {
      if (net.node(i).key().publicKey().equals(proposer)) {
        victim = i;
      }
    }
    net.stop(victim);
    awaitAll(n -> n.chain().height() >= next + 2);
    TimeNode back = net.start(victim);
    long now = maxHeight();
    awaitAll(n -> n.chain().height() >= now + 2);
    assertThat(back.chain().height()).isGreaterThanOrEqualTo(now);
  }

  @Test
  void aDisconnectedValidatorReconnectsByItself() throws Exception {
    devnet(4).startAll();
    awaitAll(n -> n.chain().height() >= 3);
    TimeNode lonely = net.node(3);
    for (var p : lonely.network().peers()) {
      lonely.network().disconnect(p.nodeKey());
    }
    long now = maxHeight();
    awaitAll(n -> n.chain().height() >= now + 3 && n.network().peers().size() == 3);
  }
}
