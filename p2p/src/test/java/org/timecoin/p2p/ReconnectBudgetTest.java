package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.KeyPair;

/** Reconnecting, with the same key or with fresh ones, does not refill a spent rate budget. */
class ReconnectBudgetTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final int BURST = 3;
  private static final int PER_IP = 4;
  // Practically no refill during the test: the burst is all a peer may spend.
  private static final MessageType<String> LIMITED =
      MessageType.direct(0x21, "limited", TestNet.TEXT).withRateLimit(new RateLimit(1e-6, BURST));

  private final TestNet net = new TestNet(12);
  private final AtomicInteger delivered = new AtomicInteger();
  private P2pNode victim;

  @BeforeEach
  void startVictim() {
    victim =
        net.create(
            TestNet.config()
                .inboundPerSource(PER_IP, 2 * PER_IP)
                // 127.x addresses are then accounted like any other (the attacker's are loopback).
                .banLoopbackAddresses(true)
                .build(),
            net.newKey());
    victim.register(LIMITED, (from, m) -> delivered.incrementAndGet());
    victim.start();
  }

  @AfterEach
  void close() {
    net.close();
  }

  private long rateLimited() {
    return victim.metrics().rejections(RejectReason.RATE_LIMITED);
  }

  /** Connects as {@code key} from {@code ip}, sends {@code count} messages, waits for them. */
  private void sendFrom(String ip, KeyPair key, int count) throws Exception {
    long before = delivered.get() + rateLimited();
    try (RawPeer raw = new RawPeer(victim, ip)) {
      raw.handshake(key);
      for (int i = 0; i < count; i++) {
        raw.send(LIMITED.id(), TestNet.TEXT.encode("m" + i));
      }
      await().atMost(WAIT).until(() -> delivered.get() + rateLimited() == before + count);
    }
    await().atMost(WAIT).until(() -> victim.peers().isEmpty());
  }

  @Test
  void theSameKeyFindsItsBudgetSpentAfterReconnecting() throws Exception {
    KeyPair key = net.newKey();
    sendFrom("127.0.2.1", key, BURST);
    assertThat(delivered).hasValue(BURST);
    sendFrom("127.0.2.1", key, 1);
    assertThat(delivered).hasValue(BURST);
    assertThat(rateLimited()).isEqualTo(1);
    sendFrom("127.0.2.2", key, 1);
    assertThat(delivered).as("from another address too").hasValue(BURST);
  }

  @Test
  void freshKeysFromOneAddressShareTheAddressesBudget() throws Exception {
    int connections = PER_IP + 2;
    for (int i = 0; i < connections; i++) {
      sendFrom("127.0.2.3", net.newKey(), BURST);
    }
    assertThat(delivered).hasValue(PER_IP * BURST);
    assertThat(rateLimited()).isEqualTo((connections - PER_IP) * BURST);
    sendFrom("127.0.2.4", net.newKey(), BURST);
    assertThat(delivered).as("another address has its own budget").hasValue((PER_IP + 1) * BURST);
  }
}
