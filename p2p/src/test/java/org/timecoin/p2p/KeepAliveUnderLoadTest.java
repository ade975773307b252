package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.KeyPair;

/**
 * Pongs overtake a large backlog on a real connection. The receiver stalls, so the sender's socket
 * fills and most of its 80 one-megabyte messages wait in its send queue; pongs answered meanwhile
 * wait too (nothing enters a channel that is not writable), but in their own lane, and must reach
 * the receiver ahead of the bulk queue once it reads again, not after all 80 MB.
 */
class KeepAliveUnderLoadTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final MessageType<byte[]> BLOB = MessageType.direct(0x22, "blob", TestNet.BLOB);
  private static final int MESSAGES = 80;
  private static final int STILL_QUEUED = 40;

  private final TestNet net = new TestNet(6);

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void pongsAreNotStarvedByALargeTransfer() {
    P2pConfig base =
        TestNet.config()
            .pingInterval(Duration.ofMillis(200))
            .peerTimeout(Duration.ofSeconds(20))
            .sendQueueLimits(1_000, 200L << 20)
            .maxPendingDeliveries(2)
            .sendStallTimeout(Duration.ofSeconds(20))
            .build();
    CountDownLatch stall = new CountDownLatch(1);
    List<Long> pongsSeenAtDelivery = new CopyOnWriteArrayList<>();
    KeyPair senderKey = net.newKey();
    P2pNode receiver = net.create(base, net.newKey());
    receiver.register(
        BLOB,
        (from, blob) -> {
          try {
            stall.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          pongsSeenAtDelivery.add(receiver.peer(from).orElseThrow().pongs());
        });
    receiver.start();
    P2pNode sender =
        net.start(
            base.toBuilder().bootstrapPeers(List.of(TestNet.addressOf(receiver))).build(),
            senderKey);
    await().atMost(WAIT).until(() -> receiver.peers().size() == 1);

    // Random bytes: zeros would compress to almost nothing and never fill the link.
    byte[] blob = new byte[1 << 20];
    new Random(6).nextBytes(blob);
    for (int i = 0; i < MESSAGES; i++) {
      assertThat(sender.send(receiver.nodeKey(), BLOB, blob)).isTrue();
    }
    await()
        .atMost(WAIT)
        .until(
            () -> sender.peer(receiver.nodeKey()).orElseThrow().queuedMessages() >= STILL_QUEUED);
    // The receiver keeps pinging while it stalls; let the sender queue a few pongs (the bulk lane
    // cannot move meanwhile, so what is added are pongs).
    int queued = sender.peer(receiver.nodeKey()).orElseThrow().queuedMessages();
    await()
        .atMost(WAIT)
        .until(() -> sender.peer(receiver.nodeKey()).orElseThrow().queuedMessages() >= queued + 3);
    assertThat(sender.peer(receiver.nodeKey()).orElseThrow().queuedMessages())
        .isGreaterThanOrEqualTo(STILL_QUEUED);

    stall.countDown();
    await().atMost(WAIT).until(() -> pongsSeenAtDelivery.size() == MESSAGES);

    long before = pongsSeenAtDelivery.get(0);
    int firstNewPong = -1;
    for (int i = 0; i < MESSAGES; i++) {
      if (pongsSeenAtDelivery.get(i) > before) {
        firstNewPong = i;
        break;
      }
    }
    // At most MESSAGES - STILL_QUEUED frames were ahead of the pongs (plus the few read meanwhile).
    assertThat(firstNewPong).isBetween(0, MESSAGES - STILL_QUEUED + 10);
  }
}
