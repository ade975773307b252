package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.KeyPair;

/**
 * Misbehaviour before the handshake is verified is charged to the IP it came from, never to the key
 * the connection claimed: nobody can get an honest node's key banned by naming it.
 */
class HandshakeAccountingTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MessageType<String> TEXT = MessageType.direct(0x20, "text", TestNet.TEXT);
  private static final String ATTACKER_IP = "127.0.1.7";

  private final TestNet net = new TestNet(11);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private P2pNode victim;
  private P2pNode honest;
  private KeyPair honestKey;

  @BeforeEach
  void startVictimWithAnHonestPeer() {
    victim =
        net.create(
            TestNet.config()
                .handshakeTimeout(Duration.ofMillis(500))
                .banLoopbackAddresses(true)
                .build(),
            net.newKey());
    victim.register(TEXT, (from, m) -> received.add(m));
    victim.start();
    honestKey = net.newKey();
    honest = net.start(TestNet.bootstrappedTo(victim).build(), honestKey);
    await().atMost(WAIT).until(() -> victim.peers().size() == 1);
  }

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void badAuthInAnHonestNodesNameChargesTheAttackersAddressOnly() throws Exception {
    InetAddress attacker = InetAddress.getByName(ATTACKER_IP);
    try (RawPeer raw = new RawPeer(victim, ATTACKER_IP)) {
      raw.handshake(honestKey, net.newKey());
      assertThat(raw.awaitClosedByNode()).isTrue();
    }
    await().atMost(WAIT).until(() -> victim.isBanned(attacker));
    for (int i = 0; i < 2; i++) {
      try (RawPeer again = new RawPeer(victim, ATTACKER_IP)) {
        assertThat(again.awaitClosedByNode()).as("refused on connect").isTrue();
      }
    }
    await().atMost(WAIT).until(() -> victim.metrics().rejections(RejectReason.BANNED) == 2);
    assertThat(victim.metrics().rejections(RejectReason.BAD_SIGNATURE)).isEqualTo(1);
    assertThat(victim.isBanned(honestKey.publicKey())).isFalse();
    assertThat(victim.penaltyPoints(honestKey.publicKey())).isZero();
    assertThat(victim.isBanned(InetAddress.getByName("127.0.0.1"))).isFalse();

    String msg = "still connected";
    assertThat(honest.send(victim.nodeKey(), TEXT, msg)).isTrue();
    await().atMost(WAIT).until(() -> received.contains(msg));
    assertThat(victim.peers()).extracting(PeerInfo::nodeKey).containsExactly(honestKey.publicKey());
  }

  @Test
  void handshakeTimeoutCostsTheAddressPoints() throws Exception {
    InetAddress attacker = InetAddress.getByName(ATTACKER_IP);
    try (RawPeer raw = new RawPeer(victim, ATTACKER_IP)) {
      raw.readHello();
      raw.sendHello(honestKey, TestNet.MAGIC, P2pConfig.PROTOCOL_VERSION, TestNet.GENESIS);
      assertThat(raw.awaitClosedByNode()).isTrue();
    }
    await()
        .atMost(WAIT)
        .until(() -> victim.metrics().rejections(RejectReason.HANDSHAKE_TIMEOUT) == 1);
    assertThat(victim.penaltyPoints(attacker))
        .isEqualTo(RejectReason.HANDSHAKE_TIMEOUT.penalty())
        .isPositive();
    assertThat(victim.penaltyPoints(honestKey.publicKey())).isZero();
  }

  @Test
  void frameAboveTheHandshakeLimitBeforeTheHandshakeIsOversize() throws Exception {
    InetAddress attacker = InetAddress.getByName(ATTACKER_IP);
    try (RawPeer raw = new RawPeer(victim, ATTACKER_IP)) {
      raw.readHello();
      raw.sendRaw(
          ByteBuffer.allocate(4)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putInt(ControlMessages.HANDSHAKE_FRAME_LIMIT + 1)
              .array());
      assertThat(raw.awaitClosedByNode()).isTrue();
    }
    await().atMost(WAIT).until(() -> victim.isBanned(attacker));
    assertThat(victim.metrics().rejections(RejectReason.OVERSIZE_FRAME)).isEqualTo(1);
  }

  @Test
  void largeFrameSentRightBehindTheAuthIsDeliveredOnceVerified() throws Exception {
    String big = "x".repeat(200_000);
    try (RawPeer raw = new RawPeer(victim, ATTACKER_IP)) {
      raw.handshakeFollowedBy(net.newKey(), TEXT.id(), TestNet.TEXT.encode(big));
      await().atMost(WAIT).until(() -> received.contains(big));
    }
    assertThat(victim.metrics().rejections(RejectReason.OVERSIZE_FRAME)).isZero();
  }
}
