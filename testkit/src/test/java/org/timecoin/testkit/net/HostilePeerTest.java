package org.timecoin.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.p2p.P2pConfig;
import org.timecoin.p2p.P2pNode;
import org.timecoin.p2p.RejectReason;

/** The attacker's tool speaks the real wire format: a real node accepts or refuses it as such. */
class HostilePeerTest {
  private static final long MAGIC = 0x54494D30L;
  private static final Hash32 GENESIS =
      Sha256.hash("hostile peer test".getBytes(StandardCharsets.UTF_8));

  private final ExecutorService delivery = Executors.newCachedThreadPool();
  private P2pNode node;
  private InetSocketAddress target;

  @BeforeEach
  void start() {
    P2pConfig config = P2pConfig.builder(MAGIC, GENESIS).listen("127.0.0.1", 0).build();
    node = new P2pNode(config, key(1), delivery, Clock.SYSTEM, () -> 7);
    node.start();
    target = new InetSocketAddress("127.0.0.1", node.localAddress().getPort());
  }

  @AfterEach
  void stop() {
    node.close();
    delivery.shutdownNow();
  }

  @Test
  void anHonestHandshakeIsAccepted() throws Exception {
    KeyPair me = key(2);
    try (HostilePeer peer = HostilePeer.connect(target)) {
      assertThat(peer.readHello().bestHeight()).isEqualTo(7);
      assertThat(peer.readHello().nodeKey()).isEqualTo(node.nodeKey());
      peer.handshake(MAGIC, GENESIS, me, 0);
      peer.startReading(true);
      await().atMost(Duration.ofSeconds(10)).until(() -> node.peer(me.publicKey()).isPresent());
    }
  }

  @Test
  void aForgedAuthIsRefused() throws Exception {
    try (HostilePeer peer = HostilePeer.connect(target)) {
      peer.readHello();
      byte[] nonce = peer.sendHello(MAGIC, GENESIS, key(3).publicKey(), 0);
      peer.sendAuth(key(4), nonce, GENESIS);
      assertThat(peer.awaitClosedByNode(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(node.metrics().rejections(RejectReason.BAD_SIGNATURE)).isEqualTo(1);
  }

  private static KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    return KeyPair.fromSeed(seed);
  }
}
