package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.domain.crypto.KeyPair;

class DiscoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TestNet net = new TestNet(5);

  @TempDir Path dir;

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void nodesGivenOneBootstrapAddressConnectToEveryone() {
    P2pNode seed = net.start(TestNet.config().build());
    List<P2pNode> nodes = new ArrayList<>(List.of(seed));
    for (int i = 0; i < 5; i++) {
      nodes.add(net.start(TestNet.bootstrappedTo(seed).build()));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (P2pNode n : nodes) {
                assertThat(n.peers()).hasSize(nodes.size() - 1);
                assertThat(n.peers().stream().map(PeerInfo::nodeKey).distinct())
                    .hasSize(nodes.size() - 1);
              }
            });
  }

  @Test
  void outboundTargetLimitsWhatANodeDials() {
    P2pNode seed = net.start(TestNet.config().outboundTarget(0).build());
    List<P2pNode> others = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      others.add(net.start(TestNet.bootstrappedTo(seed).outboundTarget(1).build()));
    }
    await().atMost(WAIT).until(() -> seed.peers().size() == 4);
    P2pNode picky = net.start(TestNet.bootstrappedTo(seed).outboundTarget(2).build());
    // picky learns 5 addresses but dials only 2, and nobody else dials it.
    await().atMost(WAIT).until(() -> picky.peers().size() == 2);
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> picky.peers().size() == 2);
    assertThat(picky.peers()).allMatch(p -> p.direction() == Direction.OUTBOUND);
  }

  @Test
  void addressBookOutlivesARestart() {
    P2pNode seed = net.start(TestNet.config().build());
    P2pNode other = net.start(TestNet.bootstrappedTo(seed).build());
    KeyPair key = net.newKey();
    Path data = dir.resolve("node");
    P2pNode node = net.start(TestNet.bootstrappedTo(seed).dataDir(data).build(), key);
    await().atMost(WAIT).until(() -> node.peers().size() == 2);
    node.close();
    assertThat(data.resolve(AddressBookFile.FILE_NAME)).exists();

    // No bootstrap peers this time: only the saved book can lead it back.
    P2pNode restarted = net.start(TestNet.config().dataDir(data).build(), key);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(restarted.peers())
                    .extracting(PeerInfo::nodeKey)
                    .containsExactlyInAnyOrder(seed.nodeKey(), other.nodeKey()));
  }

  @Test
  void corruptAddressBookIsIgnoredAtStart() throws Exception {
    P2pNode seed = net.start(TestNet.config().build());
    Path data = dir.resolve("corrupt");
    Files.createDirectories(data);
    Files.write(data.resolve(AddressBookFile.FILE_NAME), new byte[] {1, (byte) 0xFF, 0x7F});
    P2pNode node = net.start(TestNet.bootstrappedTo(seed).dataDir(data).build());
    await().atMost(WAIT).until(() -> node.peers().size() == 1);
  }
}
