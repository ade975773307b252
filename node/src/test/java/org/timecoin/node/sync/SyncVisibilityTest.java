package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.api.SyncView;
import org.timecoin.node.chain.FaultyKvStore;
import org.timecoin.node.chain.FaultyKvStore.Fault;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.Status;

/** Block sync tells its progress what it sees: peers, requests out, rejected blocks, a halt. */
class SyncVisibilityTest {
  final AtomicReference<FaultyKvStore> kv = new AtomicReference<>();
  final SyncFixture f =
      new SyncFixture(
          inner -> {
            kv.set(new FaultyKvStore(inner));
            return kv.get();
          },
          SyncFixture.LIMITS);
  final PublicKey peer = SyncFixture.key(1);
  final String peerName = peer.toHex().substring(0, 16);

  @AfterEach
  void close() {
    f.close();
  }

  void behindAPeerAtHeight5() {
    f.net.connect(FakeNetwork.peer(peer, 5));
    f.net.deliver(peer, NodeMessages.STATUS, new Status(5, f.chain.get(4).block().hash()));
    f.sync.tick();
  }

  @Test
  void withoutPeersTheStateIsNoPeers() {
    f.sync.tick();
    assertThat(f.sync.view().state()).isEqualTo(SyncView.NO_PEERS);
  }

  @Test
  void behindAPeerItSyncsAndOnceLevelItFollows() {
    behindAPeerAtHeight5();
    assertThat(f.sync.view().state()).isEqualTo(SyncView.SYNCING);
    assertThat(f.sync.view().targetHeight()).isEqualTo(5);
    f.net.deliver(peer, NodeMessages.BLOCKS, new Blocks(f.chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> f.target.chain.height() == 5);
    f.sync.tick();
    SyncView v = f.sync.view();
    assertThat(v.state()).isEqualTo(SyncView.FOLLOWING);
    assertThat(v.bestPeerHeight()).isEqualTo(5);
    assertThat(v.verificationProgress()).isEqualTo(1.0);
  }

  @Test
  void aStalledSyncNamesThePeerItWaitsFor() {
    behindAPeerAtHeight5();
    f.clock.advance(SyncProgress.STALL_AFTER);
    f.sync.tick(); // the range deadline passed too: the range is asked again
    f.clock.advance(Duration.ofSeconds(1));
    f.sync.tick();
    assertThat(f.sync.view().state()).isEqualTo(SyncView.STALLED);
    assertThat(f.sync.view().warnings())
        .contains("no block stored for 21 s at height 0")
        .contains("waiting for blocks 1..5 from peer " + peerName + " (asked 1 s ago)");
  }

  @Test
  void aBlockWithAnInvalidCertificateIsNamedWithItsHeightAndReason() {
    behindAPeerAtHeight5();
    List<CertifiedBlock> forged = new ArrayList<>(f.chain);
    forged.set(0, new CertifiedBlock(f.chain.get(0).block(), f.chain.get(1).certificate()));
    f.net.deliver(peer, NodeMessages.BLOCKS, new Blocks(forged));
    f.sync.tick();
    SyncView v = f.sync.view();
    assertThat(v.state()).isEqualTo(SyncView.STALLED);
    assertThat(v.warnings())
        .startsWith("block 1 from peer " + peerName + " fails validation: invalid certificate");
  }

  @Test
  void aFullDiskIsNamedWithTheHeightItStoppedAt() {
    behindAPeerAtHeight5();
    kv.get().failAfter(2, Fault.DISK_FULL);
    f.net.deliver(peer, NodeMessages.BLOCKS, new Blocks(f.chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> !f.stops.isEmpty());
    SyncView v = f.sync.view();
    assertThat(v.state()).isEqualTo(SyncView.STALLED);
    assertThat(v.warnings())
        .startsWith("sync stopped: storage fault while storing block ")
        .contains("disk full");
  }

  @Test
  void theBestPeerHeightOfALiarIsOnlyWhatItServed() {
    f.net.connect(FakeNetwork.peer(peer, 1L << 62));
    f.net.deliver(peer, NodeMessages.STATUS, new Status(1L << 62, Hash32.ZERO));
    f.sync.tick();
    assertThat(f.sync.view().bestPeerHeight()).isZero();
  }
}
