package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.TimeNode;
import org.timecoin.node.api.SyncView;
import org.timecoin.node.config.NetworkSection;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.Status;
import org.timecoin.storage.BlockStore;
import org.timecoin.testkit.net.HostilePeer;

/**
 * What getblockchaininfo says of sync, on real nodes over real sockets: a node started far behind
 * reports syncing with an ETA that falls, then following, and no_peers once its peers are gone; a
 * peer serving a bad block is named with the height and the reason.
 */
class SyncVisibilityIT {
  static final int BEHIND_BY = 6_000;

  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  LocalDevnet devnet() {
    int base = Ports.freeRun(12);
    net =
        LocalDevnet.create(
            dir, 4, base, Duration.ofMillis(100), Duration.ofMillis(300), List.of(), Clock.SYSTEM);
    return net;
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  void awaitThat(String what, Duration atMost, Condition condition) {
    try {
      await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(condition::holds);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + " did not happen:" + net.describe(), e);
    }
  }

  long minHeight() {
    return net.running().stream().mapToLong(n -> n.chain().height()).min().orElse(0);
  }

  static SyncView sync(TimeNode n) {
    return n.queries().chainInfo().sync();
  }

  @Test
  void aNodeStartedBehindSyncsWithAFallingEtaThenFollowsAndWithoutPeersHasNone() throws Exception {
    devnet().prebuildEmptyBlocks(BEHIND_BY);
    net.startAll();
    awaitThat("the validators", Duration.ofSeconds(60), () -> minHeight() > BEHIND_BY);
    int base = Ports.freeRun(2);
    TimeNode f = net.start(net.addFullNode(base, base + 1));
    List<SyncView> seen = new CopyOnWriteArrayList<>();
    awaitThat(
        "catching up",
        Duration.ofSeconds(240),
        () -> {
          SyncView v = sync(f);
          seen.add(v);
          return v.state().equals(SyncView.FOLLOWING) && f.chain().height() >= BEHIND_BY;
        });
    List<SyncView> syncing = seen.stream().filter(v -> v.state().equals(SyncView.SYNCING)).toList();
    List<Long> etas = syncing.stream().map(SyncView::etaSeconds).filter(eta -> eta > 0).toList();
    assertThat(etas).as("ETAs seen while syncing: %s", seen).hasSizeGreaterThanOrEqualTo(2);
    // Whole seconds, from a rate still settling at first: the ETA falls from its highest value.
    long highest = etas.stream().mapToLong(Long::longValue).max().orElseThrow();
    List<Long> afterHighest = etas.subList(etas.indexOf(highest) + 1, etas.size());
    assertThat(afterHighest).as("ETAs seen while syncing: %s", etas).anyMatch(eta -> eta < highest);
    assertThat(syncing).allMatch(v -> v.verificationProgress() < 1 && v.warnings().isEmpty());
    assertThat(syncing).anyMatch(v -> v.blocksPerSecond() > 0);
    SyncView following = sync(f);
    assertThat(following.verificationProgress()).isEqualTo(1.0);
    assertThat(following.bestPeerHeight()).isGreaterThanOrEqualTo(BEHIND_BY);
    assertThat(following.warnings()).isEmpty();

    for (int i = 0; i < 4; i++) {
      net.stop(i);
    }
    awaitThat(
        "no peers reported",
        Duration.ofSeconds(60),
        () -> sync(f).state().equals(SyncView.NO_PEERS));
    assertThat(sync(f).warnings()).startsWith("no peers connected");
  }

  @Test
  void aPeerServingABadBlockIsNamedWithTheHeightAndReason() throws Exception {
    devnet().prebuildEmptyBlocks(12);
    net.startAll();
    awaitThat("the validators", Duration.ofSeconds(60), () -> minHeight() >= 12);
    int base = Ports.freeRun(2);
    int full = net.addFullNode(base, base + 1);
    net.changeConfig(full, c -> c.withNetwork(withoutPeers(c.network())));
    TimeNode f = net.start(full);
    awaitThat(
        "no peers reported",
        Duration.ofSeconds(30),
        () -> sync(f).state().equals(SyncView.NO_PEERS));

    KeyPair liar = HostileSyncIT.key(5);
    InetSocketAddress at = new InetSocketAddress("127.0.0.1", f.network().localAddress().getPort());
    try (HostilePeer peer =
        HostilePeer.connect(at)
            .handshake(HostileSyncIT.TESTNET_MAGIC, net.genesis().hash(), liar, 10)) {
      peer.startReading(true);
      peer.send(
          NodeMessages.STATUS,
          new Status(10, net.node(0).chain().store().blocks().blockAt(10).orElseThrow().hash()));
      GetBlocks asked = awaitRequest(peer);
      peer.send(
          NodeMessages.BLOCKS, new Blocks(forged(asked, net.node(0).chain().store().blocks())));
      awaitThat(
          "the bad block reported",
          Duration.ofSeconds(30),
          () -> sync(f).warnings().contains("fails validation"));
      SyncView v = sync(f);
      assertThat(v.state()).isEqualTo(SyncView.STALLED);
      assertThat(v.warnings())
          .startsWith(
              "block "
                  + asked.from()
                  + " from peer "
                  + liar.publicKey().toHex().substring(0, 16)
                  + " fails validation: invalid certificate");
      assertThat(f.chain().height()).isZero();
      assertThat(v.bestPeerHeight()).isZero();
    }
  }

  static NetworkSection withoutPeers(NetworkSection n) {
    return new NetworkSection(
        n.listenAddress(),
        n.port(),
        List.of(),
        n.maxOutboundPeers(),
        n.maxInboundPeers(),
        n.pingInterval(),
        n.peerTimeout(),
        n.maxFrameBytes(),
        n.connectOnly(),
        n.compression());
  }

  GetBlocks awaitRequest(HostilePeer peer) {
    AtomicReference<GetBlocks> asked = new AtomicReference<>();
    awaitThat(
        "a request for blocks",
        Duration.ofSeconds(30),
        () -> {
          for (HostilePeer.Frame f; (f = peer.poll(Duration.ZERO)) != null; ) {
            if (f.type() == NodeMessages.GET_BLOCKS.id()) {
              asked.set(NodeMessages.GET_BLOCKS.codec().decode(f.payload()));
            }
          }
          return asked.get() != null;
        });
    return asked.get();
  }

  /** The blocks asked for, the first one with the certificate of the next. */
  static List<CertifiedBlock> forged(GetBlocks asked, BlockStore blocks) {
    List<CertifiedBlock> out = new ArrayList<>();
    for (long h = asked.from(); h < asked.from() + asked.count(); h++) {
      out.add(
          new CertifiedBlock(
              blocks.blockAt(h).orElseThrow(),
              blocks.certificateAt(h == asked.from() ? h + 1 : h).orElseThrow()));
    }
    return out;
  }
}
