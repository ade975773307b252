package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryLanesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final MessageType<String> SLOW = MessageType.direct(0x30, "slow", TestNet.TEXT);
  private static final MessageType<String> FAST = MessageType.direct(0x31, "fast", TestNet.TEXT);

  private final TestNet net = new TestNet(31);
  private final ExecutorService slowLane = Executors.newSingleThreadExecutor();
  private final ExecutorService fastLane = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    net.close();
    slowLane.shutdownNow();
    fastLane.shutdownNow();
  }

  @Test
  void aStalledLaneDoesNotDelayAnotherLaneOfTheSamePeer() {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slowSeen = new AtomicInteger();
    List<String> fastSeen = new CopyOnWriteArrayList<>();
    P2pNode a = net.create(TestNet.config().build(), net.newKey());
    a.register(
        SLOW,
        (from, m) -> {
          slowSeen.incrementAndGet();
          awaitQuietly(release);
        },
        slowLane);
    a.register(FAST, (from, m) -> fastSeen.add(m), fastLane);
    a.start();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> b.peers().size() == 1 && a.peers().size() == 1);

    try {
      for (int i = 0; i < 20; i++) {
        b.send(a.nodeKey(), SLOW, "slow" + i);
      }
      b.send(a.nodeKey(), FAST, "vote");

      await().atMost(WAIT).until(() -> fastSeen.contains("vote"));
      // The slow lane is still stuck on its first message while the fast one went through.
      assertThat(slowSeen.get()).isEqualTo(1);
    } finally {
      release.countDown();
    }
    await().atMost(WAIT).until(() -> slowSeen.get() == 20);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
