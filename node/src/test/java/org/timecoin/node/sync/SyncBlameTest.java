package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.FaultyKvStore;
import org.timecoin.node.chain.FaultyKvStore.Fault;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.node.net.SyncMessages.Status;

/** Our own faults stop the node and never cost a peer anything. */
class SyncBlameTest {
  final AtomicReference<FaultyKvStore> kv = new AtomicReference<>();
  final SyncFixture f =
      new SyncFixture(
          inner -> {
            kv.set(new FaultyKvStore(inner));
            return kv.get();
          },
          SyncFixture.LIMITS);
  final PublicKey peer = SyncFixture.key(1);

  @AfterEach
  void close() {
    f.close();
  }

  void syncFromPeerWithWritesFailingAfter(long writes, Fault fault) {
    f.net.deliver(peer, NodeMessages.STATUS, new Status(5, f.chain.get(4).block().hash()));
    f.sync.tick();
    kv.get().failAfter(writes, fault);
    f.net.deliver(peer, NodeMessages.BLOCKS, new Blocks(f.chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> !f.stops.isEmpty());
  }

  @Test
  void aFullDiskWhileStoringSyncedBlocksStopsTheNodeNamingHeightAndCause() {
    syncFromPeerWithWritesFailingAfter(2, Fault.DISK_FULL);
    long failed = f.target.chain.height() + 1;
    assertThat(failed).isLessThanOrEqualTo(5);
    assertThat(f.stops)
        .singleElement()
        .asString()
        .contains("storage fault while storing block " + failed + ":")
        .contains("disk full");
    assertThat(f.net.penalties).isEmpty();
    assertThat(f.sync.distrustedPeers()).isZero();
    assertThat(f.sync.halted()).isTrue();
  }

  @Test
  void anInjectedIoErrorStopsTheNodeAndTheHaltedSyncAsksNothingMore() {
    syncFromPeerWithWritesFailingAfter(0, Fault.IO_ERROR);
    assertThat(f.stops)
        .singleElement()
        .asString()
        .contains("storage fault while storing block 1:")
        .contains("I/O error");
    assertThat(f.net.penalties).isEmpty();
    f.net.sent.clear();
    f.sync.tick();
    assertThat(f.net.sentOf(NodeMessages.GET_BLOCKS)).isEmpty();
    assertThat(f.sync.syncing()).isFalse();
  }

  @Test
  void aReadFaultWhileAnsweringAStateRootStopsTheNodeAndBlamesNoPeer() {
    kv.get().failReads();
    f.net.deliver(peer, NodeMessages.GET_STATE_ROOT, new GetStateRoot(0));
    assertThat(f.stops)
        .singleElement()
        .asString()
        .contains("storage fault while answering a state root at height 0")
        .contains("I/O error");
    assertThat(f.net.penalties).isEmpty();
  }

  @Test
  void aReadFaultWhileServingBlocksStopsTheNodeAndBlamesNoPeer() {
    f.net.deliver(peer, NodeMessages.STATUS, new Status(5, f.chain.get(4).block().hash()));
    f.sync.tick();
    f.net.deliver(peer, NodeMessages.BLOCKS, new Blocks(f.chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> f.target.chain.height() == 5);
    kv.get().failReads();
    f.net.deliver(SyncFixture.key(2), NodeMessages.GET_BLOCKS, new GetBlocks(1, 5));
    assertThat(f.stops).singleElement().asString().contains("storage fault while serving blocks");
    assertThat(f.net.penalties).isEmpty();
  }
}
