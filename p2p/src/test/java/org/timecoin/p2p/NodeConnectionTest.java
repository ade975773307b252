package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeConnectionTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final MessageType<String> TEXT = MessageType.direct(0x20, "text", TestNet.TEXT);

  private final TestNet net = new TestNet(1);

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void twoNodesHandshakeExchangePingsAndDescribeEachOther() {
    P2pNode a = net.start(TestNet.config().build());
    net.height.set(7);
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(a.peers()).hasSize(1);
              assertThat(b.peers()).hasSize(1);
              assertThat(a.peers().get(0).pongs()).isGreaterThanOrEqualTo(2);
              assertThat(b.peers().get(0).pongs()).isGreaterThanOrEqualTo(2);
            });
    PeerInfo bSeenByA = a.peer(b.nodeKey()).orElseThrow();
    PeerInfo aSeenByB = b.peer(a.nodeKey()).orElseThrow();
    assertThat(bSeenByA.direction()).isEqualTo(Direction.INBOUND);
    assertThat(aSeenByB.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(bSeenByA.listenAddress()).isEqualTo(TestNet.addressOf(b));
    assertThat(aSeenByB.listenAddress()).isEqualTo(TestNet.addressOf(a));
    assertThat(aSeenByB.rtt()).isPresent();
    assertThat(aSeenByB.bestHeight()).isEqualTo(7);
    assertThat(aSeenByB.connectedAtMillis()).isPositive();
    assertThat(a.metrics().handshakesCompleted()).isEqualTo(1);

    assertThat(aSeenByB.bytesSent()).isPositive();
    assertThat(aSeenByB.bytesReceived()).isPositive();

    net.height.set(9); // heights travel with pings
    await().atMost(WAIT).until(() -> b.peer(a.nodeKey()).orElseThrow().bestHeight() == 9);
  }

  @Test
  void typedMessagesReachTheHandlerOnTheDeliveryExecutorInOrder() {
    List<String> received = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    P2pNode a = net.create(TestNet.config().build(), net.newKey());
    a.register(
        TEXT,
        (from, msg) -> {
          received.add(msg);
          threads.add(Thread.currentThread().getName());
        });
    a.start();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> b.peers().size() == 1);

    for (int i = 0; i < 100; i++) {
      assertThat(b.send(a.nodeKey(), TEXT, "m" + i)).isTrue();
    }
    await().atMost(WAIT).until(() -> received.size() == 100);
    assertThat(received).isEqualTo(IntStream.range(0, 100).mapToObj(i -> "m" + i).toList());
    assertThat(threads).allMatch(t -> t.startsWith("delivery-"));
    assertThat(a.metrics().messagesDelivered()).isEqualTo(100);
  }

  @Test
  void sendToAnUnknownPeerFails() {
    P2pNode a = net.start(TestNet.config().build());
    assertThat(a.send(net.newKey().publicKey(), TEXT, "x")).isFalse();
  }

  @Test
  void peerEventsFrameThePeersMessagesInOrder() {
    List<String> events = new CopyOnWriteArrayList<>();
    P2pNode a = net.create(TestNet.config().outboundTarget(0).build(), net.newKey());
    a.register(TEXT, (from, m) -> events.add(m));
    a.addPeerListener(
        new PeerListener() {
          @Override
          public void onPeerConnected(PeerInfo peer) {
            events.add("up");
          }

          @Override
          public void onPeerDisconnected(PeerInfo peer) {
            events.add("down");
          }
        });
    a.start();
    P2pNode b = net.create(TestNet.bootstrappedTo(a).build(), net.newKey());
    // b sends the moment its side of the handshake is done, possibly before a has finished its own.
    b.addPeerListener(
        new PeerListener() {
          @Override
          public void onPeerConnected(PeerInfo peer) {
            for (int i = 0; i < 20; i++) {
              b.send(peer.nodeKey(), TEXT, "m" + i);
            }
          }
        });
    b.start();
    await().atMost(WAIT).until(() -> events.size() == 21);
    b.close();
    await().atMost(WAIT).until(() -> events.contains("down"));
    List<String> expected = new ArrayList<>(List.of("up"));
    for (int i = 0; i < 20; i++) {
      expected.add("m" + i);
    }
    expected.add("down");
    assertThat(events).isEqualTo(expected);
  }

  @Test
  void aDisconnectedPeerReconnectsByItself() {
    P2pNode a = net.start(TestNet.config().build());
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> a.peers().size() == 1 && b.peers().size() == 1);
    long before = a.metrics().handshakesCompleted();

    a.disconnect(b.nodeKey());

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(a.metrics().handshakesCompleted()).isGreaterThan(before);
              assertThat(a.peers()).hasSize(1);
              assertThat(b.peers()).hasSize(1);
            });
  }

  @Test
  void aRestartedPeerIsRedialledAfterBackoff() {
    P2pNode a = net.start(TestNet.config().build());
    var bKey = net.newKey();
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build(), bKey);
    await().atMost(WAIT).until(() -> a.peers().size() == 1);
    int port = a.localAddress().getPort();
    a.close();
    await().atMost(WAIT).until(() -> b.peers().isEmpty());

    // Same key and port: b keeps dialling its bootstrap address with backoff until it answers.
    P2pNode a2 = net.start(TestNet.config().listen("127.0.0.1", port).build(), net.newKey());
    await().atMost(WAIT).until(() -> a2.peers().size() == 1 && b.peers().size() == 1);
  }

  @Test
  void nodesDiallingEachOtherKeepExactlyOneConnection() {
    var aKey = net.newKey();
    var bKey = net.newKey();
    P2pNode a = net.start(TestNet.config().build(), aKey);
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build(), bKey);
    // a also learns b's address and dials it: both directions race, one must win on both ends.
    await().atMost(WAIT).until(() -> a.peers().size() == 1 && b.peers().size() == 1);
    P2pNode c = net.start(TestNet.bootstrappedTo(a, b).build());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (P2pNode n : List.of(a, b, c)) {
                assertThat(n.peers()).hasSize(2);
                assertThat(n.peers().stream().map(PeerInfo::nodeKey).distinct()).hasSize(2);
              }
            });
    PeerInfo ab = a.peer(bKey.publicKey()).orElseThrow();
    PeerInfo ba = b.peer(aKey.publicKey()).orElseThrow();
    assertThat(ab.direction()).isNotEqualTo(ba.direction());
  }

  @Test
  void anAddressThatTurnsOutToBeOurselvesIsRefused() throws Exception {
    P2pNode a = net.start(TestNet.config().build());
    int port = a.localAddress().getPort();
    try (RawPeer raw = new RawPeer(a)) {
      raw.handshake(net.newKey());
      // An IPv4-mapped IPv6 literal is not our advertised text, so only the handshake can tell
      // it is us.
      var addr = new ControlMessages.Addr(List.of(new PeerAddress("::ffff:127.0.0.1", port)));
      raw.send(ControlMessages.ADDR, ControlMessages.ADDR_CODEC.encode(addr));
      await().atMost(WAIT).until(() -> a.metrics().rejections(RejectReason.SELF_CONNECTION) >= 2);
    }
    assertThat(a.peers()).extracting(PeerInfo::nodeKey).doesNotContain(a.nodeKey());
  }

  @Test
  void inboundLimitRefusesExtraPeers() {
    P2pNode a = net.start(TestNet.config().inboundLimit(1).outboundTarget(0).build());
    P2pNode b = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> a.peers().size() == 1);
    P2pNode c = net.start(TestNet.bootstrappedTo(a).build());
    await().atMost(WAIT).until(() -> a.metrics().rejections(RejectReason.INBOUND_LIMIT) > 0);
    assertThat(a.peers()).extracting(PeerInfo::nodeKey).containsExactly(b.nodeKey());
    assertThat(c.peer(a.nodeKey())).isEmpty();
  }

  @Test
  void startingOnAPortInUseFailsAndCanBeClosed() {
    P2pNode a = net.start(TestNet.config().build());
    P2pNode b =
        net.create(
            TestNet.config().listen("127.0.0.1", a.localAddress().getPort()).build(), net.newKey());
    assertThatThrownBy(b::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot listen");
    b.close();
    assertThatThrownBy(() -> b.broadcast(TEXT, "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void configAndMessageTypesRejectNonsense() {
    assertThatThrownBy(() -> TestNet.config().pingInterval(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TestNet.config().maxFrameSize(10).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                TestNet.config()
                    .reconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageType.direct(ControlMessages.PING, "ping", TestNet.TEXT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimit(0, 1)).isInstanceOf(IllegalArgumentException.class);
    P2pNode a = net.create(TestNet.config().build(), net.newKey());
    a.register(TEXT, (from, m) -> {});
    assertThatThrownBy(
            () -> a.register(MessageType.gossip(TEXT.id(), "clash", TestNet.TEXT), (f, m) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    P2pConfig config = TestNet.config().outboundTarget(3).build();
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void upperLayersCanReportAFresherPeerHeight() {
    // No keep-alive during the test, so only the report can change the height.
    P2pConfig quiet =
        TestNet.config().pingInterval(Duration.ofHours(1)).peerTimeout(Duration.ofHours(2)).build();
    P2pNode a = net.start(quiet);
    P2pNode b = net.start(quiet.toBuilder().bootstrapPeers(List.of(TestNet.addressOf(a))).build());
    await().atMost(WAIT).until(() -> b.peers().size() == 1);
    b.reportPeerHeight(a.nodeKey(), 42);
    assertThat(b.peer(a.nodeKey()).orElseThrow().bestHeight()).isEqualTo(42);
  }
}
