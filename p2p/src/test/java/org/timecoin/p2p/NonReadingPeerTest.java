package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.p2p.ControlMessages.GetAddr;
import org.timecoin.p2p.ControlMessages.Ping;

/**
 * A peer that sends PING and GETADDR at its limits but never reads what we answer: the answers wait
 * in a bounded queue, and the peer is disconnected once its connection stays unwritable.
 */
class NonReadingPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TestNet net = new TestNet(13);

  @AfterEach
  void close() {
    net.close();
  }

  /** Enough known addresses that each ADDR answer is several kilobytes. */
  private static List<PeerAddress> manyAddresses() {
    List<PeerAddress> list = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      list.add(new PeerAddress("10." + (i % 250) + "." + (i / 250) + ".1", 24100));
    }
    return list;
  }

  @Test
  void aPeerThatNeverReadsIsDisconnectedWithBoundedQueues() throws Exception {
    P2pNode victim =
        net.start(
            TestNet.config()
                .outboundTarget(0)
                .bootstrapPeers(manyAddresses())
                .sendStallTimeout(Duration.ofSeconds(1))
                .build());
    P2pNode honest = net.start(TestNet.bootstrappedTo(victim).outboundTarget(1).build());
    await().atMost(WAIT).until(() -> victim.peers().size() == 1);

    AtomicLong maxPending = new AtomicLong();
    byte[] ping = ControlMessages.PING_CODEC.encode(new Ping(1, 0));
    byte[] getAddr = ControlMessages.GETADDR_CODEC.encode(new GetAddr());
    try (RawPeer raw = new RawPeer(victim, "127.0.3.1", 4096)) {
      raw.handshake(net.newKey());
      // The bursts first, then the refill rates (GETADDR 10/s, PING 20/s), paced by the polls.
      for (int i = 0; i < 20; i++) {
        raw.send(ControlMessages.GETADDR, getAddr);
        raw.send(ControlMessages.PING, ping);
        raw.send(ControlMessages.PING, ping);
        maxPending.accumulateAndGet(victim.pendingSendBytes(), Math::max);
      }
      await()
          .atMost(WAIT)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                maxPending.accumulateAndGet(victim.pendingSendBytes(), Math::max);
                try {
                  raw.send(ControlMessages.GETADDR, getAddr);
                  raw.send(ControlMessages.PING, ping);
                } catch (IOException closed) {
                  // The node hung up on us; the metric below says why.
                }
                return victim.metrics().rejections(RejectReason.SEND_STALLED) > 0;
              });
      assertThat(victim.metrics().rejections(RejectReason.SEND_STALLED)).isEqualTo(1);
      assertThat(raw.awaitClosedByNode()).isTrue();
    }
    assertThat(maxPending.get())
        .as("answers queued for the non-reader")
        .isLessThanOrEqualTo(
            OutboundQueue.CONTROL_MAX_BYTES + P2pNode.WATER_MARK.high() + 64 * 1024);
    assertThat(victim.metrics().rejections(RejectReason.RATE_LIMITED))
        .as("the attacker stayed within its limits")
        .isLessThan(5);
    await().atMost(WAIT).until(() -> victim.peers().size() == 1);
    assertThat(victim.peers()).extracting(PeerInfo::nodeKey).containsExactly(honest.nodeKey());
  }

  @Test
  void aPeerThatStopsReadingBulkTrafficIsDisconnectedAfterTheStallTimeout() throws Exception {
    MessageType<byte[]> blob = MessageType.direct(0x22, "blob", TestNet.BLOB);
    P2pNode victim =
        net.start(
            TestNet.config()
                .sendQueueLimits(1_000, 4L << 20)
                .sendStallTimeout(Duration.ofMillis(500))
                .build());
    var key = net.newKey();
    try (RawPeer raw = new RawPeer(victim, "127.0.3.2", 4096)) {
      raw.handshake(key);
      await().atMost(WAIT).until(() -> victim.peer(key.publicKey()).isPresent());
      int queued = 0;
      while (victim.send(key.publicKey(), blob, new byte[256 * 1024])) {
        queued++;
      }
      assertThat(queued).as("until the bulk lane refused more").isPositive();
      assertThat(victim.metrics().rejections(RejectReason.SEND_QUEUE_FULL)).isEqualTo(1);
      await().atMost(WAIT).until(() -> victim.metrics().rejections(RejectReason.SEND_STALLED) == 1);
      assertThat(raw.awaitClosedByNode()).isTrue();
    }
    await().atMost(WAIT).until(() -> victim.peers().isEmpty());
  }
}
