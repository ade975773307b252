package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Upper-layer code never runs on a network thread, and a blocking handler stalls nothing else. */
class ThreadingTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MessageType<String> TEXT = MessageType.direct(0x20, "text", TestNet.TEXT);
  private static final MessageType<String> OTHER = MessageType.direct(0x23, "other", TestNet.TEXT);

  private final TestNet net = new TestNet(3);

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void aDirectExecutorIsCaughtByTheGuardAndTheHandlerNeverRunsOnTheLoop() {
    AtomicInteger handled = new AtomicInteger();
    net.expectLoopViolations();
    // A direct executor would run the handler on the event loop that decoded the message.
    P2pNode a = net.create(TestNet.config().build(), net.newKey(), Runnable::run, () -> 0);
    a.register(TEXT, (from, m) -> handled.incrementAndGet());
    a.start();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> b.peers().size() == 1);

    b.send(a.nodeKey(), TEXT, "blocked?");

    await()
        .atMost(WAIT)
        .until(() -> a.metrics().rejections(RejectReason.DELIVERY_ON_EVENT_LOOP) >= 1);
    assertThat(handled).hasValue(0);
    assertThat(a.metrics().messagesDelivered()).isZero();
  }

  @Test
  void aBlockingHandlerRunsOffTheLoopWhileKeepAliveAndOtherPeersContinue() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> otherDelivered = new CopyOnWriteArrayList<>();
    List<String> handlerThreads = new CopyOnWriteArrayList<>();
    P2pNode a = net.create(TestNet.config().build(), net.newKey());
    a.register(
        TEXT,
        (from, m) -> {
          handlerThreads.add(Thread.currentThread().getName());
          entered.countDown();
          try {
            release.await(30, TimeUnit.SECONDS); // a deliberately blocking handler
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    a.register(OTHER, (from, m) -> otherDelivered.add(m));
    a.start();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).outboundTarget(1).build());
    P2pNode c = net.start(TestNet.bootstrappedTo(a).outboundTarget(1).build());
    await().atMost(WAIT).until(() -> a.peers().size() == 2);

    b.send(a.nodeKey(), TEXT, "block");
    assertThat(entered.await(15, TimeUnit.SECONDS)).isTrue();
    try {
      long pongsBefore = b.peer(a.nodeKey()).orElseThrow().pongs();
      long pongsOfA = a.peer(b.nodeKey()).orElseThrow().pongs();
      c.send(a.nodeKey(), OTHER, "still served");
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(otherDelivered).containsExactly("still served");
                assertThat(b.peer(a.nodeKey()).orElseThrow().pongs())
                    .isGreaterThan(pongsBefore + 2);
                assertThat(a.peer(b.nodeKey()).orElseThrow().pongs()).isGreaterThan(pongsOfA + 2);
              });
      assertThat(handlerThreads).allMatch(t -> t.startsWith("delivery-"));
      assertThat(a.metrics().rejections(RejectReason.DELIVERY_ON_EVENT_LOOP)).isZero();
    } finally {
      release.countDown();
    }
  }
}
