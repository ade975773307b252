package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.KeyPair;

/** Validator links get a short keep-alive: a silent one is closed in well under a second here. */
class PriorityLinkTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestNet net = new TestNet(41);

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void aSilentPriorityLinkIsClosedWhileAnOrdinaryOneWaitsForTheLongTimeout() throws Exception {
    KeyPair validator = net.newKey();
    KeyPair ordinary = net.newKey();
    P2pNode node =
        net.create(
            TestNet.config()
                .peerTimeout(Duration.ofSeconds(60))
                .priorityKeepAlive(Duration.ofMillis(100), Duration.ofMillis(800))
                .build(),
            net.newKey());
    node.prioritize(List.of(validator.publicKey()));
    node.start();
    try (RawPeer silentValidator = new RawPeer(node);
        RawPeer silentOrdinary = new RawPeer(node)) {
      silentOrdinary.handshake(ordinary);
      silentValidator.handshake(validator);

      // Neither answers pings nor sends anything.
      assertThat(silentValidator.awaitClosedByNode()).isTrue();
      await().atMost(WAIT).until(() -> node.metrics().handshakesCompleted() == 2);
      assertThat(node.metrics().rejections(RejectReason.PEER_TIMEOUT)).isEqualTo(1);
      assertThat(node.peer(ordinary.publicKey())).isPresent();
      // The socket closes before the node's own bookkeeping of the close has run.
      await().atMost(WAIT).until(() -> node.peer(validator.publicKey()).isEmpty());
    }
  }
}
