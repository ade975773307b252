package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.p2p.ControlMessages.Addr;

/**
 * One host cannot take a node's inbound slots or its address book: junk ADDR floods stay in the
 * attacker's share of the book, and one IP or one /24 gets a few inbound slots only.
 */
class EclipseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TestNet net = new TestNet(14);
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    net.close();
  }

  private static List<PeerAddress> junk(int seed) {
    List<PeerAddress> list = new ArrayList<>();
    for (int i = 0; i < ControlMessages.MAX_ADDRESSES; i++) {
      list.add(new PeerAddress("198.18." + seed + "." + (i % 250), 1000 + i));
    }
    return list;
  }

  /** Opens a TCP connection from {@code localIp} and leaves it silent. */
  private Socket connectFrom(String localIp, P2pNode target) throws Exception {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(localIp, 0));
    s.connect(new InetSocketAddress("127.0.0.1", target.localAddress().getPort()));
    sockets.add(s);
    return s;
  }

  @Test
  void junkAddressesAndSixtyFourConnectionsFromOneIpDoNotShutOutHonestPeers() throws Exception {
    P2pNode victim = net.start(TestNet.config().outboundTarget(0).build());
    int capacity = 2_000; // the default book
    for (int i = 0; i < 2; i++) {
      try (RawPeer raw = new RawPeer(victim, "127.0.1.1")) {
        raw.handshake(net.newKey());
        raw.send(ControlMessages.ADDR, ControlMessages.ADDR_CODEC.encode(new Addr(junk(i))));
        await().atMost(WAIT).until(() -> victim.knownAddresses() > 0);
      }
    }
    assertThat(victim.knownAddresses())
        .as("one source's share of the new table")
        .isLessThanOrEqualTo(capacity * 3 / 4 / 8 + AddressBook.BUCKET_SIZE);

    for (int i = 0; i < 64; i++) {
      connectFrom("127.0.1.2", victim);
    }
    await()
        .atMost(WAIT)
        .until(() -> victim.metrics().rejections(RejectReason.INBOUND_IP_LIMIT) == 64 - 8);

    List<P2pNode> honest = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      honest.add(net.start(TestNet.bootstrappedTo(victim).outboundTarget(1).build()));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(victim.peers())
                    .extracting(PeerInfo::nodeKey)
                    .containsAll(honest.stream().map(P2pNode::nodeKey).toList()));
    // An inbound peer's listen address is recorded after its handshake, not with it.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (P2pNode h : honest) {
                assertThat(victim.knowsAddress(TestNet.addressOf(h))).isTrue();
              }
            });
  }

  @Test
  void oneSubnetGetsAFewInboundSlotsOnly() throws Exception {
    P2pNode victim = net.start(TestNet.config().outboundTarget(0).inboundPerSource(2, 5).build());
    for (int host = 1; host <= 4; host++) {
      for (int i = 0; i < 2; i++) {
        connectFrom("127.0.4." + host, victim);
      }
    }
    await()
        .atMost(WAIT)
        .until(() -> victim.metrics().rejections(RejectReason.INBOUND_SUBNET_LIMIT) == 3);
    connectFrom("127.0.5.1", victim);
    P2pNode honest = net.start(TestNet.bootstrappedTo(victim).outboundTarget(1).build());
    await().atMost(WAIT).until(() -> victim.peer(honest.nodeKey()).isPresent());
    assertThat(victim.metrics().rejections(RejectReason.INBOUND_IP_LIMIT)).isZero();
  }

  @Test
  void hostNamesInAddrAreDroppedUnresolvedAndChargedWhenMany() throws Exception {
    P2pNode victim = net.start(TestNet.config().outboundTarget(0).build());
    List<PeerAddress> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add(new PeerAddress("host" + i + ".invalid", 24100));
    }
    PeerAddress literal = new PeerAddress("198.18.9.9", 24100);
    names.add(literal);
    try (RawPeer raw = new RawPeer(victim, "127.0.1.3")) {
      raw.handshake(net.newKey());
      raw.send(ControlMessages.ADDR, ControlMessages.ADDR_CODEC.encode(new Addr(names)));
      await()
          .atMost(WAIT)
          .until(() -> victim.metrics().rejections(RejectReason.ADDR_HOST_NAMES) == 1);
    }
    assertThat(victim.knowsAddress(literal)).isTrue();
    for (PeerAddress name : names.subList(0, 20)) {
      assertThat(victim.knowsAddress(name)).isFalse();
    }
    assertThat(victim.knownAddresses()).as("the literal and the sender's own address").isEqualTo(2);
  }
}
