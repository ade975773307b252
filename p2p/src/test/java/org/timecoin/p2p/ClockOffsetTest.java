package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Clock;

/** Each side learns the other's clock offset from its HELLO, over real sockets. */
class ClockOffsetTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final long AHEAD_MS = 3_600_000;

  private final TestNet net = new TestNet(5);

  @AfterEach
  void close() {
    net.close();
  }

  /** The system clock moved by a fixed amount: a node whose clock is wrong. */
  static Clock shifted(long millis) {
    return new Clock() {
      @Override
      public long wallMillis() {
        return Clock.SYSTEM.wallMillis() + millis;
      }

      @Override
      public long monoNanos() {
        return Clock.SYSTEM.monoNanos();
      }
    };
  }

  @Test
  void aPeerWhoseClockIsAnHourAheadIsSeenAnHourAheadAndSeesUsAnHourBehind() {
    P2pNode honest = net.start(TestNet.config().build(), Clock.SYSTEM);
    P2pNode ahead = net.start(TestNet.bootstrappedTo(honest).build(), shifted(AHEAD_MS));
    await().atMost(WAIT).until(() -> honest.peers().size() == 1 && ahead.peers().size() == 1);

    // The offset is measured when the HELLO arrives, so it is short by the transit time only.
    long seenByHonest = honest.peer(ahead.nodeKey()).orElseThrow().clockOffset().orElseThrow();
    long seenByAhead = ahead.peer(honest.nodeKey()).orElseThrow().clockOffset().orElseThrow();
    assertThat(seenByHonest).isBetween(AHEAD_MS - 10_000, AHEAD_MS + 10_000);
    assertThat(seenByAhead).isBetween(-AHEAD_MS - 10_000, -AHEAD_MS + 10_000);
  }

  @Test
  void aVersionOneHelloConnectsWithoutAClockOffset() throws Exception {
    P2pNode node = net.start(TestNet.config().build());
    try (RawPeer old = new RawPeer(node)) {
      old.handshake(net.newKey());
      await().atMost(WAIT).until(() -> node.peers().size() == 1);
      assertThat(node.peers().get(0).clockOffset()).isEmpty();
    }
  }
}
