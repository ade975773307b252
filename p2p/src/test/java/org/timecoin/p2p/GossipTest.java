package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.PublicKey;

class GossipTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MessageType<String> VOTE = MessageType.gossip(0x21, "vote", TestNet.TEXT);
  private static final MessageType<String> TEXT = MessageType.direct(0x20, "text", TestNet.TEXT);

  private final TestNet net = new TestNet(2);

  @AfterEach
  void close() {
    net.close();
  }

  /** Nodes that relay every new vote to all peers but the sender, as consensus gossip does. */
  private List<P2pNode> relayingMesh(int size, Map<String, AtomicInteger> deliveries) {
    List<P2pNode> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      P2pConfig config =
          nodes.isEmpty() ? TestNet.config().build() : TestNet.bootstrappedTo(nodes.get(0)).build();
      P2pNode node = net.create(config, net.newKey());
      String name = "n" + i;
      node.register(
          VOTE,
          (from, vote) -> {
            deliveries
                .computeIfAbsent(name + ":" + vote, k -> new AtomicInteger())
                .incrementAndGet();
            node.broadcast(VOTE, vote, p -> !p.nodeKey().equals(from));
          });
      node.start();
      nodes.add(node);
    }
    await().atMost(WAIT).until(() -> nodes.stream().allMatch(n -> n.peers().size() == size - 1));
    return nodes;
  }

  @Test
  void gossipReachesEveryNodeExactlyOnce() {
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    List<P2pNode> nodes = relayingMesh(4, deliveries);

    assertThat(nodes.get(0).broadcast(VOTE, "v1")).isEqualTo(3);
    nodes.get(2).broadcast(VOTE, "v2");

    await().atMost(WAIT).until(() -> deliveries.size() == 6);
    // Relays keep echoing for a moment; none of the echoes may be delivered again.
    await()
        .during(Duration.ofMillis(300))
        .atMost(WAIT)
        .until(() -> deliveries.values().stream().allMatch(c -> c.get() == 1));
    assertThat(deliveries).doesNotContainKeys("n0:v1", "n2:v2");
    long duplicates = nodes.stream().mapToLong(n -> n.metrics().duplicatesDropped()).sum();
    assertThat(duplicates).isPositive();
  }

  @Test
  void broadcastCanTargetPeersThatAreBehind() {
    Map<PublicKey, List<String>> got = new ConcurrentHashMap<>();
    P2pNode hub = net.create(TestNet.config().build(), net.newKey(), net.delivery, () -> 100);
    hub.start();
    List<P2pNode> spokes = new ArrayList<>();
    for (long h : new long[] {100, 90, 80}) {
      P2pNode spoke =
          net.create(
              TestNet.bootstrappedTo(hub).outboundTarget(1).build(),
              net.newKey(),
              net.delivery,
              () -> h);
      spoke.register(
          TEXT,
          (from, m) ->
              got.computeIfAbsent(spoke.nodeKey(), k -> new CopyOnWriteArrayList<>()).add(m));
      spoke.start();
      spokes.add(spoke);
    }
    await().atMost(WAIT).until(() -> hub.peers().size() == 3);

    int sent = hub.broadcast(TEXT, "catch up", p -> p.bestHeight() < 100);

    assertThat(sent).isEqualTo(2);
    await().atMost(WAIT).until(() -> got.size() == 2);
    assertThat(got).doesNotContainKey(spokes.get(0).nodeKey());
  }

  @Test
  void targetedSendReachesOnlyThatPeer() {
    Map<PublicKey, AtomicInteger> got = new ConcurrentHashMap<>();
    P2pNode hub = net.start(TestNet.config().build());
    List<P2pNode> spokes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      P2pNode spoke =
          net.create(TestNet.bootstrappedTo(hub).outboundTarget(1).build(), net.newKey());
      spoke.register(
          TEXT,
          (from, m) ->
              got.computeIfAbsent(spoke.nodeKey(), k -> new AtomicInteger()).incrementAndGet());
      spoke.start();
      spokes.add(spoke);
    }
    await().atMost(WAIT).until(() -> hub.peers().size() == 2);
    assertThat(hub.send(spokes.get(1).nodeKey(), TEXT, "just you")).isTrue();
    await().atMost(WAIT).until(() -> got.containsKey(spokes.get(1).nodeKey()));
    assertThat(got).containsOnlyKeys(spokes.get(1).nodeKey());
  }

  @Test
  void messagesAboveTheRateLimitAreDroppedAndCounted() {
    MessageType<String> limited = TEXT.withRateLimit(new RateLimit(1, 5));
    AtomicInteger delivered = new AtomicInteger();
    P2pNode a = net.create(TestNet.config().build(), net.newKey());
    a.register(limited, (from, m) -> delivered.incrementAndGet());
    a.start();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> b.peers().size() == 1);

    for (int i = 0; i < 50; i++) {
      b.send(a.nodeKey(), limited, "m" + i);
    }

    await()
        .atMost(WAIT)
        .until(() -> delivered.get() + a.metrics().rejections(RejectReason.RATE_LIMITED) == 50);
    assertThat(delivered.get()).isBetween(5, 10);
    assertThat(a.peers()).as("minor misbehaviour does not disconnect").hasSize(1);
  }

  @Test
  void persistentFloodingEarnsATemporaryBan() {
    MessageType<String> limited = TEXT.withRateLimit(new RateLimit(1, 1));
    P2pNode a = net.create(TestNet.config().outboundTarget(0).build(), net.newKey());
    a.register(limited, (from, m) -> {});
    a.start();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> b.peers().size() == 1);

    for (int i = 0; i < 300; i++) {
      b.send(a.nodeKey(), limited, "flood" + i);
    }

    await().atMost(WAIT).until(() -> a.metrics().bansImposed() == 1 && a.peers().isEmpty());
    // b keeps redialling; every attempt is refused while the ban lasts.
    await().atMost(WAIT).until(() -> a.metrics().rejections(RejectReason.BANNED) >= 2);
    assertThat(a.peers()).isEmpty();
  }

  @Test
  void aFullSendQueueRefusesMessages() throws InterruptedException {
    MessageType<byte[]> blob = MessageType.direct(0x22, "blob", TestNet.BLOB);
    CountDownLatch release = new CountDownLatch(1);
    // a's handler stalls, so a stops reading, TCP fills up (500 x 200 kB is more than any socket
    // buffers hold) and b's queue backs up.
    P2pNode a = net.create(TestNet.config().maxPendingDeliveries(2).build(), net.newKey());
    a.register(blob, (from, m) -> awaitQuietly(release));
    a.start();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).sendQueueLimits(1_000, 1_000_000).build());
    await().atMost(WAIT).until(() -> b.peers().size() == 1);

    // Random bytes: zeros would compress to almost nothing and never fill the queue.
    byte[] payload = new byte[200_000];
    new Random(22).nextBytes(payload);
    try {
      int refused = 0;
      for (int i = 0; i < 500 && refused == 0; i++) {
        if (!b.send(a.nodeKey(), blob, payload)) {
          refused++;
        }
      }
      assertThat(refused).isPositive();
      assertThat(b.metrics().rejections(RejectReason.SEND_QUEUE_FULL)).isEqualTo(refused);
    } finally {
      release.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
