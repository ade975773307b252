package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.p2p.ControlMessages.Hello;

/** Compression negotiated between real nodes over sockets, and with peers that do not speak it. */
class CompressionTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MessageType<byte[]> BLOB = MessageType.direct(0x20, "blob", TestNet.BLOB);
  private static final MessageType<byte[]> NOISE = MessageType.direct(0x21, "noise", TestNet.BLOB);

  private final TestNet net = new TestNet(21);

  @AfterEach
  void close() {
    net.close();
  }

  /** A started node with compression on or off that collects what it receives. */
  private P2pNode node(P2pConfig.Builder config, boolean compression, List<byte[]> received) {
    P2pNode n = net.create(config.compression(compression).build(), net.newKey());
    n.register(BLOB, (from, m) -> received.add(m));
    n.register(NOISE, (from, m) -> received.add(m));
    n.start();
    return n;
  }

  private static void awaitLinked(P2pNode a, P2pNode b) {
    await().atMost(WAIT).until(() -> a.peers().size() == 1 && b.peers().size() == 1);
  }

  private static int blobFrameSize(byte[] blob) {
    return Frame.HEADER_SIZE + TestNet.BLOB.encode(blob).length;
  }

  @Test
  void bothAnnouncingCompressionPutsRepetitiveFramesCompressedOnTheWire() {
    List<byte[]> atA = new CopyOnWriteArrayList<>();
    P2pNode a = node(TestNet.config(), true, atA);
    P2pNode b = node(TestNet.bootstrappedTo(a), true, new CopyOnWriteArrayList<>());
    awaitLinked(a, b);

    byte[] blocks = FrameCompressionTest.repetitive(200_000);
    byte[] signatures = new byte[10_000];
    new Random(5).nextBytes(signatures);
    assertThat(b.send(a.nodeKey(), BLOB, blocks)).isTrue();
    assertThat(b.send(a.nodeKey(), NOISE, signatures)).isTrue();
    await().atMost(WAIT).until(() -> atA.size() == 2);
    assertThat(atA.get(0)).isEqualTo(blocks);
    assertThat(atA.get(1)).isEqualTo(signatures);

    P2pMetrics sent = b.metrics();
    P2pMetrics got = a.metrics();
    assertThat(sent.bytesSentUncompressed(BLOB.id())).isEqualTo(blobFrameSize(blocks));
    assertThat(sent.bytesSent(BLOB.id())).isLessThan(blobFrameSize(blocks) / 10);
    assertThat(got.bytesReceived(BLOB.id())).isEqualTo(sent.bytesSent(BLOB.id()));
    assertThat(got.bytesReceivedUncompressed(BLOB.id())).isEqualTo(blobFrameSize(blocks));
    assertThat(sent.compressionRatio(BLOB.id())).isLessThan(0.1);
    // Random bytes do not shrink, so they went plain.
    assertThat(sent.bytesSent(NOISE.id())).isEqualTo(blobFrameSize(signatures));
    assertThat(sent.compressionRatio(NOISE.id())).isEqualTo(1.0);

    // Per peer, getpeerinfo's counters are wire bytes too.
    long wireToA = b.peer(a.nodeKey()).orElseThrow().bytesSent();
    assertThat(wireToA).isLessThan(blocks.length / 10 + 2L * signatures.length);
    await().atMost(WAIT).until(() -> a.peer(b.nodeKey()).orElseThrow().bytesReceived() >= wireToA);
    assertThat(a.peer(b.nodeKey()).orElseThrow().bytesReceived())
        .isLessThan(blocks.length / 10 + 2L * signatures.length);
  }

  @ParameterizedTest(name = "a compresses: {0}, b compresses: {1}")
  @CsvSource({"true, false", "false, true", "false, false"})
  void whenEitherSideHasCompressionOffBothSendPlainFramesAndStillTalk(boolean onA, boolean onB) {
    List<byte[]> atA = new CopyOnWriteArrayList<>();
    List<byte[]> atB = new CopyOnWriteArrayList<>();
    P2pNode a = node(TestNet.config(), onA, atA);
    P2pNode b = node(TestNet.bootstrappedTo(a), onB, atB);
    awaitLinked(a, b);

    byte[] blocks = FrameCompressionTest.repetitive(50_000);
    assertThat(a.send(b.nodeKey(), BLOB, blocks)).isTrue();
    assertThat(b.broadcast(BLOB, blocks)).isEqualTo(1);
    await().atMost(WAIT).until(() -> atA.size() == 1 && atB.size() == 1);
    assertThat(atA.get(0)).isEqualTo(blocks);
    assertThat(atB.get(0)).isEqualTo(blocks);
    for (P2pMetrics m : List.of(a.metrics(), b.metrics())) {
      assertThat(m.bytesSent(BLOB.id())).isEqualTo(blobFrameSize(blocks));
      assertThat(m.bytesReceived(BLOB.id())).isEqualTo(blobFrameSize(blocks));
      assertThat(m.bytesSentUncompressed(BLOB.id())).isEqualTo(blobFrameSize(blocks));
    }
  }

  @Test
  void aPeerWithAnOlderHelloGetsPlainFrames() throws Exception {
    P2pNode n = node(TestNet.config(), true, new CopyOnWriteArrayList<>());
    try (RawPeer old = new RawPeer(n)) {
      old.handshake(net.newKey()); // a version-1 HELLO: no features
      await().atMost(WAIT).until(() -> n.peers().size() == 1);
      byte[] blocks = FrameCompressionTest.repetitive(20_000);
      assertThat(n.broadcast(BLOB, blocks)).isEqualTo(1);
      Frame f = old.readUntil(BLOB.id());
      assertThat(f.flags()).isZero();
      assertThat(TestNet.BLOB.decode(f.payload())).isEqualTo(blocks);
    }
  }

  @Test
  void aPeerAnnouncingLz4GetsCompressedFramesAndMaySendThem() throws Exception {
    List<byte[]> received = new CopyOnWriteArrayList<>();
    P2pNode n = node(TestNet.config(), true, received);
    try (RawPeer peer = new RawPeer(n)) {
      Hello hello = peer.handshakeAnnouncing(net.newKey(), ControlMessages.FEATURE_LZ4);
      assertThat(hello.supports(ControlMessages.FEATURE_LZ4)).isTrue();
      await().atMost(WAIT).until(() -> n.peers().size() == 1);

      byte[] blocks = FrameCompressionTest.repetitive(20_000);
      assertThat(n.broadcast(BLOB, blocks)).isEqualTo(1);
      Frame f = peer.readUntil(BLOB.id());
      assertThat(f.flags()).isEqualTo(Frame.FLAG_LZ4);
      assertThat(f.wireSize()).isLessThan(blocks.length / 10);
      byte[] plain = FrameCompression.decompress(f.payload(), 1 << 20);
      assertThat(TestNet.BLOB.decode(plain)).isEqualTo(blocks);

      Frame ours = FrameCompression.compress(new Frame(BLOB.id(), TestNet.BLOB.encode(blocks)));
      peer.send(ours.type(), ours.flags(), ours.payload());
      await().atMost(WAIT).until(() -> received.size() == 1);
      assertThat(received.get(0)).isEqualTo(blocks);
    }
  }

  @Test
  void aNodeWithCompressionOffAnnouncesNothingInAVersionTwoHello() throws Exception {
    P2pNode n = node(TestNet.config(), false, new CopyOnWriteArrayList<>());
    try (RawPeer peer = new RawPeer(n)) {
      Frame hello = peer.read();
      assertThat(hello.payload()[0]).isEqualTo((byte) ControlMessages.HELLO_CLOCK_VERSION);
      assertThat(ControlMessages.HELLO_CODEC.decode(hello.payload()).features()).isZero();
    }
    P2pNode on = node(TestNet.config(), true, new CopyOnWriteArrayList<>());
    try (RawPeer peer = new RawPeer(on)) {
      assertThat(peer.readHello().features()).isEqualTo(ControlMessages.FEATURE_LZ4);
    }
  }
}
