package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;

/**
 * Hostile and foreign connections against a node that already serves an honest peer: each is
 * counted under its reason and refused, and the honest connection keeps working.
 */
class BadPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MessageType<String> TEXT = MessageType.direct(0x20, "text", TestNet.TEXT);

  private final TestNet net = new TestNet(4);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger sent = new AtomicInteger();
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
                .peerTimeout(Duration.ofSeconds(2))
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

  private void assertHonestPeerStillServed() {
    String msg = "still here " + sent.incrementAndGet();
    assertThat(honest.send(victim.nodeKey(), TEXT, msg)).isTrue();
    await().atMost(WAIT).until(() -> received.contains(msg));
    assertThat(victim.peers()).extracting(PeerInfo::nodeKey).containsExactly(honestKey.publicKey());
  }

  private void assertRefused(RawPeer raw, RejectReason reason) throws Exception {
    assertThat(raw.awaitClosedByNode()).as("node closed the connection").isTrue();
    await().atMost(WAIT).until(() -> victim.metrics().rejections(reason) == 1);
    assertHonestPeerStillServed();
  }

  private static byte[] header(long length) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) length).array();
  }

  @Test
  void oversizeLengthIsRefusedAndTheSenderBanned() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.sendRaw(header(0x7FFF_FFFFL));
      assertRefused(raw, RejectReason.OVERSIZE_FRAME);
    }
    assertThat(victim.metrics().bansImposed()).isEqualTo(1);
    try (RawPeer again = new RawPeer(victim)) {
      assertThat(again.awaitClosedByNode()).isTrue();
    }
    await().atMost(WAIT).until(() -> victim.metrics().rejections(RejectReason.BANNED) == 1);
    assertHonestPeerStillServed();
  }

  @Test
  void lengthTooShortForAHeaderIsMalformed() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.sendRaw(new byte[] {1, 0, 0, 0, 7});
      assertRefused(raw, RejectReason.MALFORMED_FRAME);
    }
  }

  @Test
  void httpRequestIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      // "GET " read as a little-endian length is about 540 MB.
      raw.sendRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertRefused(raw, RejectReason.OVERSIZE_FRAME);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {101L, 102L, 103L})
  void randomGarbageIsRefused(long seed) throws Exception {
    byte[] garbage = new byte[512];
    new Random(seed).nextBytes(garbage);
    try (RawPeer raw = new RawPeer(victim)) {
      raw.sendRaw(garbage);
      assertThat(raw.awaitClosedByNode()).as("seed %d", seed).isTrue();
    }
    long refusals =
        victim.metrics().rejections(RejectReason.OVERSIZE_FRAME)
            + victim.metrics().rejections(RejectReason.MALFORMED_FRAME)
            + victim.metrics().rejections(RejectReason.UNEXPECTED_MESSAGE);
    assertThat(refusals).as("seed %d", seed).isEqualTo(1);
    assertHonestPeerStillServed();
  }

  @Test
  void messageBeforeHandshakeIsUnexpected() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.readHello();
      raw.send(
          ControlMessages.PING, ControlMessages.PING_CODEC.encode(new ControlMessages.Ping(1, 1)));
      assertRefused(raw, RejectReason.UNEXPECTED_MESSAGE);
    }
  }

  @Test
  void unknownMessageTypeAfterHandshakeIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(net.newKey());
      raw.send(0x77, new byte[] {1, 2, 3});
      assertRefused(raw, RejectReason.UNKNOWN_MESSAGE_TYPE);
    }
  }

  @Test
  void undecodablePayloadOfAKnownTypeIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(net.newKey());
      raw.send(TEXT.id(), new byte[] {(byte) 0xFF, 0, 0, 0}); // claims a 255-byte string
      assertRefused(raw, RejectReason.MALFORMED_MESSAGE);
    }
  }

  @Test
  void handshakeSignedWithAnotherKeyIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(net.newKey(), net.newKey());
      assertRefused(raw, RejectReason.BAD_SIGNATURE);
    }
  }

  @Test
  void impersonatingAConnectedNodeWithoutItsKeyIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(honestKey, net.newKey());
      assertRefused(raw, RejectReason.BAD_SIGNATURE);
    }
  }

  @Test
  void signatureMeantForAnotherNodeIsRefused() throws Exception {
    // A node in the middle relaying a signature that the real key holder made for someone else.
    KeyPair key = net.newKey();
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(key, key, honestKey.publicKey());
      assertRefused(raw, RejectReason.BAD_SIGNATURE);
    }
  }

  @Test
  void secondConnectionOfAConnectedNodeKeyIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(honestKey);
      assertRefused(raw, RejectReason.DUPLICATE_PEER);
    }
  }

  @Test
  void wrongMagicIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.readHello();
      raw.sendHello(net.newKey(), TestNet.MAGIC + 1, P2pConfig.PROTOCOL_VERSION, TestNet.GENESIS);
      assertRefused(raw, RejectReason.WRONG_MAGIC);
    }
  }

  @Test
  void wrongProtocolVersionIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.readHello();
      raw.sendHello(net.newKey(), TestNet.MAGIC, P2pConfig.PROTOCOL_VERSION + 1, TestNet.GENESIS);
      assertRefused(raw, RejectReason.WRONG_VERSION);
    }
  }

  @Test
  void nodeOfAnotherGenesisIsRefusedByBothSides() {
    P2pNode foreign =
        net.start(
            TestNet.bootstrappedTo(victim)
                .genesisHash(Sha256.hash("another chain".getBytes(StandardCharsets.UTF_8)))
                .build());
    await().atMost(WAIT).until(() -> victim.metrics().rejections(RejectReason.WRONG_GENESIS) >= 1);
    await().atMost(WAIT).until(() -> foreign.metrics().rejections(RejectReason.WRONG_GENESIS) >= 1);
    assertThat(foreign.peers()).isEmpty();
    assertHonestPeerStillServed();
  }

  @Test
  void silenceDuringTheHandshakeTimesOut() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.readHello();
      assertRefused(raw, RejectReason.HANDSHAKE_TIMEOUT);
    }
  }

  @Test
  void silenceAfterTheHandshakeTimesOut() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(net.newKey());
      // The raw peer never answers pings nor sends anything: no traffic for peer_timeout.
      assertRefused(raw, RejectReason.PEER_TIMEOUT);
    }
  }
}
