package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;

class PersistentPeersTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final AddressBookTest.ManualClock clock = new AddressBookTest.ManualClock();
  private final TestNet net = new TestNet(15);

  @AfterEach
  void close() {
    net.close();
  }

  private PersistentPeers peers(PeerAddress... addresses) {
    Backoff backoff =
        new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), new SplittableRandom(3));
    return new PersistentPeers(List.of(addresses), backoff, clock);
  }

  private static final PeerAddress A = new PeerAddress("10.0.0.1", 1);
  private static final PeerAddress B = new PeerAddress("10.0.0.2", 1);
  private static final PublicKey KEY = PublicKey.of(new byte[32]);

  @Test
  void everyAddressIsDueOnceUntilItsDialEnds() {
    PersistentPeers p = peers(A, B);
    assertThat(p.due(k -> false)).containsExactly(A, B);
    assertThat(p.due(k -> false)).as("being dialled").isEmpty();
    assertThat(p.contains(A)).isTrue();
    assertThat(p.contains(new PeerAddress("10.0.0.3", 1))).isFalse();
    assertThat(p.closed(new PeerAddress("10.0.0.3", 1))).isNegative();
  }

  @Test
  void aLostAddressIsRetriedAfterAShortCappedBackoff() {
    PersistentPeers p = peers(A);
    p.due(k -> false);
    long first = p.closed(A);
    assertThat(first).isBetween(Duration.ofMillis(125).toNanos(), Duration.ofMillis(250).toNanos());
    assertThat(p.due(k -> false)).isEmpty();
    clock.nanos += first;
    assertThat(p.due(k -> false)).containsExactly(A);
    for (int i = 0; i < 20; i++) {
      assertThat(p.closed(A)).isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
      p.due(k -> true);
      clock.nanos += Duration.ofSeconds(2).toNanos();
      p.due(k -> false);
    }
  }

  @Test
  void anAddressWhoseKeyIsConnectedIsNotDialled() {
    PersistentPeers p = peers(A);
    p.due(k -> false);
    p.authenticated(A, KEY);
    clock.nanos += Duration.ofSeconds(1).toNanos() + p.closed(A);
    assertThat(p.due(KEY::equals)).as("it dialled us meanwhile").isEmpty();
    assertThat(p.due(k -> false)).containsExactly(A);
  }

  @Test
  void aForgottenAddressIsNeverDueAgain() {
    PersistentPeers p = peers(A, B);
    p.due(k -> false);
    p.forget(A);
    assertThat(p.contains(A)).isFalse();
    assertThat(p.closed(A)).isNegative();
    clock.nanos += p.closed(B) + Duration.ofSeconds(1).toNanos();
    assertThat(p.due(k -> false)).containsExactly(B);
  }

  @Test
  void ourOwnAddressAmongThePersistentPeersIsDialledOnce() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    PeerAddress own = new PeerAddress("127.0.0.1", port);
    P2pNode other = net.start(TestNet.config().outboundTarget(0).build());
    P2pNode node =
        net.start(
            TestNet.config()
                .listen("127.0.0.1", port)
                .outboundTarget(0)
                .persistentPeers(List.of(own, TestNet.addressOf(other)))
                .build());
    await().atMost(WAIT).until(() -> node.peer(other.nodeKey()).isPresent());
    // Both ends of the one connection to itself refuse it; no further attempt follows.
    await().atMost(WAIT).until(() -> node.metrics().rejections(RejectReason.SELF_CONNECTION) == 2);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(WAIT)
        .until(() -> node.metrics().rejections(RejectReason.SELF_CONNECTION) == 2);
  }

  @Test
  void persistentPeersAreDialledOutsideTheTargetAndRedialledQuickly() {
    KeyPair bKey = net.newKey();
    P2pNode b = net.start(TestNet.config().outboundTarget(0).build(), bKey);
    int port = b.localAddress().getPort();
    P2pNode a =
        net.start(
            TestNet.config()
                .outboundTarget(0)
                .reconnectDelay(Duration.ofMinutes(5), Duration.ofMinutes(5))
                .persistentPeers(List.of(TestNet.addressOf(b)))
                .build());
    await().atMost(WAIT).until(() -> a.peer(bKey.publicKey()).isPresent());

    b.close();
    await().atMost(WAIT).until(() -> a.peers().isEmpty());
    P2pNode again = net.start(TestNet.config().listen("127.0.0.1", port).build(), bKey);
    await().atMost(WAIT).until(() -> a.peer(bKey.publicKey()).isPresent());
    assertThat(a.peer(again.nodeKey()).orElseThrow().direction()).isEqualTo(Direction.OUTBOUND);
  }
}
