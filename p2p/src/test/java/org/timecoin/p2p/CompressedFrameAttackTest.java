package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.KeyPair;

/**
 * Compressed frames a node must refuse, sent over a raw socket to a node that serves an honest
 * peer: each costs the sender its connection under {@link RejectReason#MALFORMED_FRAME} (the detail
 * of each refusal is checked in {@link FrameCompressionTest}), and the honest peer stays.
 */
class CompressedFrameAttackTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MessageType<String> TEXT = MessageType.direct(0x20, "text", TestNet.TEXT);

  private final TestNet net = new TestNet(31);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger sent = new AtomicInteger();
  private P2pNode victim;
  private P2pNode honest;

  @BeforeEach
  void startVictimWithAnHonestPeer() {
    victim = net.create(TestNet.config().banLoopbackAddresses(true).build(), net.newKey());
    victim.register(TEXT, (from, m) -> received.add(m));
    victim.start();
    honest = net.start(TestNet.bootstrappedTo(victim).build());
    await().atMost(WAIT).until(() -> victim.peers().size() == 1);
  }

  @AfterEach
  void close() {
    net.close();
  }

  private void assertRefusedAsMalformed(RawPeer raw) throws Exception {
    assertThat(raw.awaitClosedByNode()).as("node closed the connection").isTrue();
    await()
        .atMost(WAIT)
        .until(() -> victim.metrics().rejections(RejectReason.MALFORMED_FRAME) == 1);
    String msg = "still here " + sent.incrementAndGet();
    assertThat(honest.send(victim.nodeKey(), TEXT, msg)).isTrue();
    await().atMost(WAIT).until(() -> received.contains(msg));
    assertThat(victim.peers()).extracting(PeerInfo::nodeKey).containsExactly(honest.nodeKey());
  }

  private static Frame validCompressedText(String text) {
    Frame f = FrameCompression.compress(new Frame(TEXT.id(), TestNet.TEXT.encode(text)));
    assertThat(f.compressed()).isTrue();
    return f;
  }

  private static byte[] declaring(long declared, byte[] block) {
    byte[] payload = new byte[4 + block.length];
    for (int i = 0; i < 4; i++) {
      payload[i] = (byte) (declared >>> (8 * i));
    }
    System.arraycopy(block, 0, payload, 4, block.length);
    return payload;
  }

  private KeyPair negotiated(RawPeer raw) throws Exception {
    KeyPair key = net.newKey();
    raw.handshakeAnnouncing(key, ControlMessages.FEATURE_LZ4);
    await().atMost(WAIT).until(() -> victim.peers().size() == 2);
    return key;
  }

  @Test
  void compressedFrameFromAPeerThatDidNotAnnounceCompressionIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.handshake(net.newKey()); // version-1 HELLO, no features
      Frame f = validCompressedText("x".repeat(2_000));
      raw.send(f.type(), f.flags(), f.payload());
      assertRefusedAsMalformed(raw);
    }
    assertThat(received).noneMatch(m -> m.startsWith("xxx"));
  }

  @Test
  void compressedHelloBeforeTheHandshakeIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      raw.readHello();
      byte[] hello = new byte[600];
      Frame f = FrameCompression.compress(new Frame(ControlMessages.HELLO, hello));
      raw.send(f.type(), f.flags(), f.payload());
      assertRefusedAsMalformed(raw);
    }
  }

  @Test
  void decompressionBombIsRefusedBeforeAllocation() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      negotiated(raw);
      // 4 GiB declared in a 24-byte frame.
      raw.send(TEXT.id(), Frame.FLAG_LZ4, declaring(0xFFFF_FFFFL, new byte[12]));
      assertRefusedAsMalformed(raw);
    }
  }

  @Test
  void corruptLz4BlockIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      negotiated(raw);
      byte[] garbage = new byte[300];
      Arrays.fill(garbage, (byte) 0xFF);
      raw.send(TEXT.id(), Frame.FLAG_LZ4, declaring(20_000, garbage));
      assertRefusedAsMalformed(raw);
    }
  }

  @Test
  void blockThatDoesNotMatchItsDeclaredLengthIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(victim)) {
      negotiated(raw);
      Frame f = validCompressedText("y".repeat(2_000));
      byte[] block = Arrays.copyOfRange(f.payload(), 4, f.payload().length);
      long real = FrameCompression.declaredLength(f.payload());
      raw.send(TEXT.id(), Frame.FLAG_LZ4, declaring(real + 1, block));
      assertRefusedAsMalformed(raw);
    }
    assertThat(received).noneMatch(m -> m.startsWith("yyy"));
  }
}
