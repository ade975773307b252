package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.chain.TestChain;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.node.net.SyncMessages.StateRoot;
import org.timecoin.node.net.SyncMessages.Status;
import org.timecoin.node.production.MempoolBlockProducer;

class BlockSyncTest {
  final TestChain source = new TestChain(5);
  final TestChain target = new TestChain(5);
  final KeyPair peerA = KeyPair.fromSeed(new byte[32]);
  final KeyPair peerB = KeyPair.fromSeed(Hash32.ZERO.toBytes().clone());
  final FakeNetwork net = new FakeNetwork(target.validatorKeys.get(3).publicKey());
  final List<Long> caughtUp = new CopyOnWriteArrayList<>();
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final List<String> stops = new CopyOnWriteArrayList<>();
  final BlockSync sync = newSync(target, 32, BlockSync.MAX_BUFFERED);
  final List<CertifiedBlock> chain = new ArrayList<>();

  BlockSync newSync(TestChain on, int range, int maxAhead) {
    BlockSync s =
        new BlockSync(
            on.chain,
            net,
            caughtUp::add,
            stops::add,
            timer,
            Clock.SYSTEM,
            8 << 20,
            SyncFixture.LIMITS,
            range,
            maxAhead);
    new SyncHandler(s, net).register(Runnable::run);
    new StateCheckHandler(s, net).register(Runnable::run);
    return s;
  }

  BlockSyncTest() {
    Mempool none =
        new Mempool(
            source.genesis.chainId(),
            source.genesis.params(),
            source.chain.utxoView(),
            source.signatures,
            source.pool,
            MempoolPolicy.of(10, 1 << 20),
            tx -> {},
            org.timecoin.common.time.Clock.SYSTEM);
    MempoolBlockProducer producer =
        new MempoolBlockProducer(
            source.chain,
            none,
            source.validatorKeys.get(0).publicKey(),
            1 << 21,
            100,
            Clock.SYSTEM,
            source.pool);
    for (int h = 1; h <= 5; h++) {
      Block b = producer.produce(h, 0).toCompletableFuture().join();
      CommitCertificate c = source.certify(b);
      source.chain.store(b, c).join();
      chain.add(new CertifiedBlock(b, c));
    }
  }

  @AfterEach
  void close() {
    sync.close();
    timer.shutdownNow();
    source.close();
    target.close();
  }

  /** A sync in place of the default one, asking one block per request, at most maxAhead ahead. */
  BlockSync narrowSync(int maxAhead) {
    sync.close();
    return newSync(target, 1, maxAhead);
  }

  GetBlocks requestTo(KeyPair peer) {
    return net.sent.stream()
        .filter(s -> peer.publicKey().equals(s.to()) && s.message() instanceof GetBlocks)
        .map(s -> (GetBlocks) s.message())
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no request sent to the peer"));
  }

  @Test
  void aNodeBehindRequestsVerifiesStoresInOrderAndResumesConsensus() {
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(5, chain.get(4).block().hash()));
    sync.tick();
    assertThat(sync.syncing()).isTrue();
    GetBlocks req = requestTo(peerA);
    assertThat(req.from()).isEqualTo(1);
    assertThat(req.count()).isEqualTo(5);
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> target.chain.height() == 5);
    assertThat(target.chain.tipHash()).isEqualTo(source.chain.tipHash());
    sync.tick();
    assertThat(sync.syncing()).isFalse();
    assertThat(caughtUp).contains(5L);
    assertThat(net.penalties).isEmpty();
  }

  @Test
  void whileSyncingTheTipIsAnnouncedPerTickNotPerStoredBlock() {
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(5, chain.get(4).block().hash()));
    sync.tick();
    net.sent.clear();
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> target.chain.height() == 5);
    assertThat(net.sentOf(NodeMessages.STATUS)).isEmpty();
    sync.tick();
    assertThat(net.sentOf(NodeMessages.STATUS)).extracting(Status::height).containsExactly(5L);
  }

  @Test
  void noBlockIsRequestedFurtherAheadOfTheTipThanCanBeBuffered() {
    BlockSync narrow = narrowSync(2);
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(5, chain.get(4).block().hash()));
    narrow.tick();
    assertThat(net.sentOf(NodeMessages.GET_BLOCKS))
        .extracting(GetBlocks::from, GetBlocks::count)
        .containsExactly(tuple(1L, 1), tuple(2L, 1));
    net.sent.clear();
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(chain.subList(0, 1)));
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(chain.subList(1, 2)));
    await().atMost(Duration.ofSeconds(20)).until(() -> target.chain.height() == 2);
    narrow.tick();
    assertThat(net.sentOf(NodeMessages.GET_BLOCKS))
        .extracting(GetBlocks::from)
        .containsExactly(3L, 4L);
    narrow.close();
  }

  @Test
  void anAnswerFreesItsRequestSlotAndTheNextRangeIsAskedAtOnce() {
    BlockSync narrow = narrowSync(20);
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(12, Hash32.ZERO));
    narrow.tick();
    assertThat(net.sentOf(NodeMessages.GET_BLOCKS))
        .extracting(GetBlocks::from)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L); // as many as may be in flight
    net.sent.clear();
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(chain.subList(0, 1)));
    assertThat(net.sentOf(NodeMessages.GET_BLOCKS)).extracting(GetBlocks::from).containsExactly(9L);
    narrow.close();
  }

  @Test
  void whileSyncingConsensusHearsOfTheTipOncePerTickNotPerStoredBlock() {
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(9, Hash32.ZERO));
    sync.tick();
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> target.chain.height() == 5);
    assertThat(caughtUp).isEmpty();
    sync.tick();
    assertThat(sync.syncing()).isTrue();
    assertThat(caughtUp).containsExactly(5L);
    sync.tick();
    assertThat(caughtUp).containsExactly(5L);
  }

  @Test
  void unsolicitedBlocksAreIgnored() {
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(chain));
    assertThat(target.chain.height()).isZero();
  }

  @Test
  void anInvalidCertificateGetsThePeerPenalizedAndDistrusted() {
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    sync.tick();
    List<CertifiedBlock> forged = new ArrayList<>(chain);
    CommitCertificate wrong = chain.get(1).certificate(); // the certificate of block 2 on block 1
    forged.set(0, new CertifiedBlock(chain.get(0).block(), wrong));
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(forged));
    assertThat(net.penalties).singleElement().asString().contains("invalid certificate");
    assertThat(stops).isEmpty();
    assertThat(target.chain.height()).isZero();
    assertThat(sync.bestPeerHeight()).isZero(); // the distrusted peer's height no longer counts
  }

  @Test
  void blocksOutOfOrderGetThePeerPenalized() {
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    sync.tick();
    List<CertifiedBlock> gap = List.of(chain.get(0), chain.get(2));
    net.deliver(peerA.publicKey(), NodeMessages.BLOCKS, new Blocks(gap));
    assertThat(net.penalties).singleElement().asString().contains("where 2 was due");
  }

  @Test
  void aCertifiedBlockThatDoesNotApplyHereStopsTheNodeAndBlamesNoPeer() {
    // a block certified by the validators but built on another chain state: its parent differs
    TestChain other = new TestChain(7);
    try {
      Mempool none =
          new Mempool(
              other.genesis.chainId(),
              other.genesis.params(),
              other.chain.utxoView(),
              other.signatures,
              other.pool,
              MempoolPolicy.of(10, 1 << 20),
              tx -> {},
              org.timecoin.common.time.Clock.SYSTEM);
      Block foreign =
          new MempoolBlockProducer(
                  other.chain,
                  none,
                  other.validatorKeys.get(0).publicKey(),
                  1 << 21,
                  100,
                  Clock.SYSTEM,
                  other.pool)
              .produce(1, 0)
              .toCompletableFuture()
              .join();
      net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(5, foreign.hash()));
      sync.tick();
      net.deliver(
          peerA.publicKey(),
          NodeMessages.BLOCKS,
          new Blocks(List.of(new CertifiedBlock(foreign, target.certify(foreign)))));
      await().atMost(Duration.ofSeconds(20)).until(() -> !stops.isEmpty());
      assertThat(stops)
          .singleElement()
          .asString()
          .contains("certified block 1 ")
          .contains("does not apply to the local state");
      assertThat(net.penalties).isEmpty();
      assertThat(sync.distrustedPeers()).isZero();
      assertThat(sync.halted()).isTrue();
      assertThat(target.chain.height()).isZero();
    } finally {
      other.close();
    }
  }

  @Test
  void servesStoredRangesWithCertificates() {
    BlockSync server = newSync(source, 32, BlockSync.MAX_BUFFERED);
    net.deliver(peerB.publicKey(), NodeMessages.GET_BLOCKS, new GetBlocks(2, 10));
    Blocks sent = net.sentOf(NodeMessages.BLOCKS).get(0);
    assertThat(sent.blocks()).extracting(cb -> cb.block().height()).containsExactly(2L, 3L, 4L, 5L);
    assertThat(sent.blocks().get(0).certificate()).isEqualTo(chain.get(1).certificate());
  }

  @Test
  void aStateRootMismatchIsLoggedAndThePeerNotUsedForSync() {
    net.connect(FakeNetwork.peer(peerA.publicKey(), 0)); // asks for its root at height 0
    net.deliver(peerA.publicKey(), NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    net.deliver(
        peerA.publicKey(),
        NodeMessages.STATE_ROOT,
        new StateRoot(0, true, target.chain.tipHash(), Hash32.ZERO));
    sync.tick();
    assertThat(sync.distrustedPeers()).isEqualTo(1);
    assertThat(net.sentOf(NodeMessages.GET_BLOCKS)).isEmpty();
  }

  @Test
  void aMatchingStateRootKeepsThePeer() {
    var genesis = target.chain.tipHeader();
    net.deliver(
        peerA.publicKey(),
        NodeMessages.STATE_ROOT,
        new StateRoot(0, true, genesis.hash(), genesis.stateRoot()));
    assertThat(sync.distrustedPeers()).isZero();
    net.deliver(peerB.publicKey(), NodeMessages.GET_STATE_ROOT, new GetStateRoot(0));
    assertThat(net.sentOf(NodeMessages.STATE_ROOT).get(0).stateRoot())
        .isEqualTo(genesis.stateRoot());
    net.deliver(peerB.publicKey(), NodeMessages.GET_STATE_ROOT, new GetStateRoot(99));
    assertThat(net.sentOf(NodeMessages.STATE_ROOT).get(1).known()).isFalse();
  }
}
