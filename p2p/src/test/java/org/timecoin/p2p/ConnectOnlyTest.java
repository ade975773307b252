package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectOnlyTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final TestNet net = new TestNet(43);

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void aConnectOnlyNodeDialsItsBootstrapPeersAndNothingItLearned() {
    // b never dials; a dials b; c (connect-only) and d (ordinary) both start from a only.
    P2pNode b = net.start(TestNet.config().outboundTarget(0).build());
    P2pNode a = net.start(TestNet.bootstrappedTo(b).build());
    P2pNode c = net.start(TestNet.bootstrappedTo(a).connectOnly(true).build());
    P2pNode d = net.start(TestNet.bootstrappedTo(a).build());

    // d learns b's address from a and dials it: the address was on offer to c just the same.
    await().atMost(WAIT).until(() -> b.peer(d.nodeKey()).isPresent());
    await().atMost(WAIT).until(() -> c.peer(a.nodeKey()).isPresent());

    assertThat(b.peer(c.nodeKey())).isEmpty();
    assertThat(c.peers())
        .allMatch(p -> p.direction() == Direction.INBOUND || p.nodeKey().equals(a.nodeKey()));
  }
}
