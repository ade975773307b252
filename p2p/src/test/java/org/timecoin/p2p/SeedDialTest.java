package org.timecoin.p2p;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node whose only lead is a seed given by host name finds its peer over real sockets. */
class SeedDialTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final TestNet net = new TestNet(9);

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void aSeedNamedLocalhostIsResolvedAndDialledAndAnUnresolvableSeedDoesNotStopTheNode() {
    P2pNode seed = net.start(TestNet.config().build());
    int port = seed.localAddress().getPort();
    P2pNode joiner =
        net.start(
            TestNet.config()
                .seeds(
                    List.of(
                        new PeerAddress("no-such-seed.invalid", port),
                        new PeerAddress("localhost", port)))
                .build());
    await().atMost(WAIT).until(() -> joiner.peer(seed.nodeKey()).isPresent());
  }
}
