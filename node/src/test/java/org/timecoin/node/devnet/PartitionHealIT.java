package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.node.TimeNode;
import org.timecoin.testkit.net.LinkProxy;

/**
 * Four validators whose every link runs through a {@link LinkProxy}: validators are cut off and
 * restored as a network partition would, and the gap until the network is whole again is measured.
 * The goals (3 s) are the recovery benchmark's business; here the network must recover, by itself,
 * without a fork.
 */
class PartitionHealIT {
  private static final Duration CUT = Duration.ofSeconds(6);
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(30);

  @TempDir Path dir;
  private LocalDevnet net;
  private final List<LinkProxy> proxies = new ArrayList<>();

  /** proxy[i][j]: the link node i dials to reach node j. */
  private LinkProxy[][] links;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
    proxies.forEach(LinkProxy::close);
  }

  private void startBehindProxies(int n) throws Exception {
    int base = Ports.freeRun(2 * n + 4);
    net =
        LocalDevnet.create(
            dir, n, base, Duration.ofMillis(300), Duration.ofMillis(300), List.of(), Clock.SYSTEM);
    links = new LinkProxy[n][n];
    for (int i = 0; i < n; i++) {
      List<String> peers = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (i != j) {
          LinkProxy p = LinkProxy.start(new InetSocketAddress("127.0.0.1", base + 2 * j));
          proxies.add(p);
          links[i][j] = p;
          peers.add("127.0.0.1:" + p.port());
        }
      }
      net.rewriteConfig(
          i, c -> c.withNetwork(c.network().withBootstrapPeers(peers).withConnectOnly(true)));
    }
    net.startAll();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> net.running().stream().allMatch(x -> x.chain().height() >= 3));
  }

  /** Cuts every link between a node of {@code side} and a node outside it. */
  private void partition(Set<Integer> side, boolean cut) {
    for (int i = 0; i < links.length; i++) {
      for (int j = 0; j < links.length; j++) {
        if (i != j && side.contains(i) != side.contains(j)) {
          if (cut) {
            links[i][j].cut();
          } else {
            links[i][j].restore();
          }
        }
      }
    }
  }

  private long maxHeight(Set<Integer> of) {
    return of.stream().mapToLong(i -> net.node(i).chain().height()).max().orElse(0);
  }

  private void assertNoFork() {
    long common = net.running().stream().mapToLong(n -> n.chain().height()).min().orElse(0);
    for (long h = 1; h <= common; h++) {
      Hash32 first = blockHash(net.node(0), h);
      for (TimeNode n : net.running()) {
        assertThat(blockHash(n, h)).as("block %d", h).isEqualTo(first);
      }
    }
  }

  private static Hash32 blockHash(TimeNode n, long height) {
    return n.chain().store().blocks().blockAt(height).orElseThrow().hash();
  }

  @Test
  void aValidatorCutOffCatchesUpAfterItsLinkIsBack() throws Exception {
    startBehindProxies(4);
    Set<Integer> majority = Set.of(0, 1, 2);
    partition(Set.of(3), true);
    long atCut = maxHeight(majority);
    // The majority keeps finalizing without the cut validator.
    await().atMost(RECOVERY_BOUND).until(() -> maxHeight(majority) >= atCut + 3);
    await().pollDelay(CUT).atMost(CUT.plusSeconds(1)).until(() -> true);
    long stranded = net.node(3).chain().height();
    assertThat(stranded).isLessThan(maxHeight(majority));

    long healedAt = System.nanoTime();
    partition(Set.of(3), false);
    await()
        .atMost(RECOVERY_BOUND)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> net.node(3).chain().height() >= maxHeight(majority));
    long catchUpMs = (System.nanoTime() - healedAt) / 1_000_000;
    System.out.printf("partition heal: minority_catch_up_ms=%d (cut %s)%n", catchUpMs, CUT);
    assertNoFork();
  }

  @Test
  void aSplitWithoutQuorumResumesAfterItHeals() throws Exception {
    startBehindProxies(4);
    Set<Integer> half = Set.of(2, 3);
    Set<Integer> all = Set.of(0, 1, 2, 3);
    partition(half, true);
    await().pollDelay(CUT).atMost(CUT.plusSeconds(1)).until(() -> true);
    long stalled = maxHeight(all);
    // Neither half has a quorum: nothing was finalized during the split beyond what was under way.
    await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> true);
    assertThat(maxHeight(all)).isEqualTo(stalled);

    long healedAt = System.nanoTime();
    partition(half, false);
    await()
        .atMost(RECOVERY_BOUND)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> maxHeight(all) > stalled);
    long resumeMs = (System.nanoTime() - healedAt) / 1_000_000;
    System.out.printf("partition heal: resume_ms=%d (cut %s)%n", resumeMs, CUT);
    await()
        .atMost(RECOVERY_BOUND)
        .until(() -> net.running().stream().allMatch(n -> n.chain().height() > stalled));
    assertNoFork();
  }
}
