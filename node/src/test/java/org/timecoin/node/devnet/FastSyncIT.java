package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.TimeNode;
import org.timecoin.node.chain.FaultyKvStore;
import org.timecoin.node.config.SyncSection;
import org.timecoin.node.fastsync.FastSync;
import org.timecoin.node.fastsync.FastSyncProgress;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SnapshotMessages;
import org.timecoin.node.net.SnapshotMessages.Chunk;
import org.timecoin.node.net.SnapshotMessages.EpochProof;
import org.timecoin.node.net.SnapshotMessages.EpochProofs;
import org.timecoin.node.net.SnapshotMessages.GetChunk;
import org.timecoin.node.net.SnapshotMessages.GetEpochProofs;
import org.timecoin.node.net.SnapshotMessages.GetManifest;
import org.timecoin.node.net.SnapshotMessages.GetSnapshots;
import org.timecoin.node.net.SnapshotMessages.Manifest;
import org.timecoin.node.net.SnapshotMessages.Offer;
import org.timecoin.node.net.SnapshotMessages.Snapshots;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.testkit.net.HostilePeer;

/**
 * Fast sync between real nodes over real sockets: a new node proves a snapshot's header from
 * genesis, imports its chunks and follows the chain from there without replaying a block; and a
 * peer serving a false epoch proof and a corrupted chunk is punished while the snapshot still comes
 * in from an honest peer. (It also sends a chunk nobody asked for, which costs it too.)
 */
class FastSyncIT {
  static final long TESTNET_MAGIC = 0x54494D30L;
  static final long PREBUILT = 990;
  static final long INTERVAL = 1000;
  static final long SNAPSHOT = 1001;

  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  void awaitThat(String what, Duration atMost, BooleanSupplier condition) {
    try {
      await().atMost(atMost).until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + " did not happen:" + net.describe(), e);
    }
  }

  /** Four validators with a history of PREBUILT blocks, each keeping the snapshot at SNAPSHOT. */
  void validatorsWithASnapshot() throws Exception {
    validatorsWithASnapshot(List.of(), UnaryOperator.identity());
  }

  void validatorsWithASnapshot(List<TxOut> allocations, UnaryOperator<SyncSection> sync)
      throws Exception {
    int base = Ports.freeRun(12);
    net =
        LocalDevnet.create(
            dir,
            4,
            base,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            allocations,
            Clock.SYSTEM);
    for (int i = 0; i < 4; i++) {
      net.changeConfig(i, c -> c.withSync(sync.apply(c.sync().withSnapshots(INTERVAL, 1))));
    }
    net.prebuildEmptyBlocks((int) PREBUILT);
    net.startAll();
    awaitThat(
        "every validator keeping the snapshot",
        Duration.ofSeconds(90),
        () -> net.running().stream().allMatch(n -> n.snapshots().heights().contains(SNAPSHOT)));
  }

  int fullNode(FastSync.Settings settings, boolean allValidatorsAsPeers) {
    int ports = Ports.freeRun(2);
    int f = net.addFullNode(ports, ports + 1);
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < (allValidatorsAsPeers ? 4 : 1); i++) {
      peers.add("127.0.0.1:" + net.config(i).network().port());
    }
    net.rewriteConfig(
        f,
        c ->
            c.withSync(c.sync().withFastSync(SyncSection.FastSyncMode.ON))
                .withNetwork(c.network().withBootstrapPeers(peers).withConnectOnly(true)));
    net.tuneFastSync(f, settings);
    return f;
  }

  /** The new node's state matches the chain's: its recomputed root is its tip header's. */
  void assertFollowsWithTheSameState(TimeNode fresh) {
    TimeNode v0 = net.node(0);
    long target = v0.chain().height() + 3;
    awaitThat(
        "following the chain", Duration.ofSeconds(60), () -> fresh.chain().height() >= target);
    Block ours = fresh.chain().store().blocks().blockAt(target).orElseThrow();
    assertThat(ours.hash())
        .isEqualTo(v0.chain().store().blocks().blockAt(target).orElseThrow().hash());
    assertThat(fresh.chain().store().recomputeStateRoot())
        .isEqualTo(
            fresh
                .chain()
                .store()
                .blocks()
                .blockAt(fresh.chain().store().tip().orElseThrow().height())
                .orElseThrow()
                .header()
                .stateRoot());
  }

  @Test
  void aNewNodeImportsAProvenSnapshotFromSeveralPeersAndFollowsTheChain() throws Exception {
    validatorsWithASnapshot();
    int f =
        fullNode(new FastSync.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), 1, 4), true);
    TimeNode fresh = net.start(f);

    assertThat(fresh.chain().store().baseHeight()).isEqualTo(SNAPSHOT);
    assertThat(fresh.chain().store().blocks().blockAt(1)).as("no block replayed").isEmpty();
    assertThat(fresh.chain().store().blocks().blockAt(PREBUILT)).isEmpty();
    FastSyncProgress.View view = fresh.fastSyncProgress().view();
    assertThat(view.phase()).isEqualTo(FastSyncProgress.Phase.DONE);
    assertThat(view.chunksDone()).isEqualTo(view.chunks()).isGreaterThanOrEqualTo(2);
    assertThat(fresh.fastSyncProgress().chunkServers())
        .as("chunks came from more than one peer")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(fresh.fastSyncProgress().punished()).isEmpty();
    assertFollowsWithTheSameState(fresh);
  }

  @Test
  void aPeerServingAFalseProofAndABadChunkIsPunishedAndAnHonestPeerServesTheSnapshot()
      throws Exception {
    validatorsWithASnapshot();
    TimeNode v0 = net.node(0);
    SnapshotManifest manifest = v0.snapshots().manifest(SNAPSHOT).orElseThrow();
    byte[] manifestBytes = v0.snapshots().manifestBytes(SNAPSHOT).orElseThrow();
    List<byte[]> chunks = new ArrayList<>();
    for (int i = 0; i < manifest.chunks().size(); i++) {
      chunks.add(v0.snapshots().chunk(SNAPSHOT, i).orElseThrow());
    }
    Block epochEnd = v0.chain().store().blocks().blockAt(40).orElseThrow();
    EpochProof falseProof =
        new EpochProof(
            epochEnd.header(),
            v0.chain().store().blocks().certificateAt(40).orElseThrow(),
            new ValidatorSet(List.of(net.genesis().validatorSet().validators().get(0))));
    Offer real =
        new Offer(
            SNAPSHOT, manifest.blockHash(), manifest.stateRoot(), manifest.id(), chunks.size());
    Offer unprovable =
        new Offer(SNAPSHOT + 5000, Hash32.ZERO, Hash32.ZERO, Hash32.of(new byte[32]), 3);

    // Two offers awaited: the liar's and validator 0's, so the liar is a chunk source.
    int f =
        fullNode(new FastSync.Settings(Duration.ofSeconds(30), Duration.ofSeconds(3), 1, 2), false);
    KeyPair liarKey = KeyPair.fromSeed(new byte[32]);
    int port = net.config(f).network().port();
    Hash32 genesisHash = net.genesis().hash();
    CompletableFuture<TimeNode> starting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return net.start(f);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    HostilePeer liar = connectWhenListening(port, genesisHash, liarKey);
    liar.startReading(true);
    // A chunk nobody asked for: dropped unread, and it costs the sender.
    liar.send(NodeMessages.CHUNK, new Chunk(SNAPSHOT, 0, new byte[1 << 20]));
    boolean proofSent = false;
    while (!starting.isDone()) {
      HostilePeer.Frame frame = liar.poll(Duration.ofMillis(100));
      if (frame == null) {
        continue;
      }
      if (frame.type() == NodeMessages.GET_SNAPSHOTS.id()) {
        liar.send(NodeMessages.SNAPSHOTS, new Snapshots(List.of(unprovable, real)));
      } else if (frame.type() == NodeMessages.GET_EPOCH_PROOFS.id() && !proofSent) {
        proofSent = true;
        liar.send(NodeMessages.EPOCH_PROOFS, new EpochProofs(List.of(falseProof)));
      } else if (frame.type() == NodeMessages.GET_MANIFEST.id()) {
        liar.send(NodeMessages.MANIFEST, new Manifest(SNAPSHOT, manifestBytes));
      } else if (frame.type() == NodeMessages.GET_CHUNK.id()) {
        GetChunk ask = SnapshotMessages.GET_CHUNK.decode(frame.payload());
        byte[] bad = chunks.get(ask.index()).clone();
        bad[bad.length / 2] ^= 0x5A;
        liar.send(NodeMessages.CHUNK, new Chunk(SNAPSHOT, ask.index(), bad));
      }
    }
    TimeNode fresh = starting.get(5, TimeUnit.SECONDS);

    assertThat(proofSent).as("the liar was asked for epoch proofs").isTrue();
    assertThat(fresh.chain().store().baseHeight()).isEqualTo(SNAPSHOT);
    assertThat(fresh.fastSyncProgress().punished()).containsExactly(liarKey.publicKey());
    assertThat(fresh.fastSyncProgress().unaskedAnswers()).as("the unasked chunk").isEqualTo(1);
    assertThat(fresh.fastSyncProgress().chunkServers()).containsExactly(v0.network().nodeKey());
    assertThat(liar.awaitClosedByNode(Duration.ofSeconds(10)))
        .as("banned after a false proof and a bad chunk")
        .isTrue();
    liar.close();
    assertFollowsWithTheSameState(fresh);
  }

  @Test
  void aPeerFloodingSnapshotRequestsOfEveryKindIsServedWithinItsBudgetAndTheChainGoesOn()
      throws Exception {
    // A genesis of 30,000 outputs makes a chunk of about 2 MiB: the flood asks far more per
    // second than the 64 KiB/s budget allows once the fresh balance (four largest chunks) is spent.
    List<TxOut> allocations = new ArrayList<>();
    KeyPair payee = KeyPair.fromSeed(new byte[32]);
    for (int i = 0; i < 30_000; i++) {
      allocations.add(new TxOut(100_000 + i, Address.fromPublicKey(payee.publicKey())));
    }
    long budget = 64 << 10;
    validatorsWithASnapshot(allocations, s -> s.withSnapshotServing(budget));
    TimeNode victim = net.node(0);
    SnapshotManifest manifest = victim.snapshots().manifest(SNAPSHOT).orElseThrow();
    int biggest = 0;
    for (int i = 0; i < manifest.chunks().size(); i++) {
      if (manifest.chunks().get(i).byteLength() > manifest.chunks().get(biggest).byteLength()) {
        biggest = i;
      }
    }
    long heightBefore = victim.chain().height();
    HostilePeer flooder =
        connectWhenListening(
            victim.network().localAddress().getPort(),
            net.genesis().hash(),
            KeyPair.fromSeed(key()));
    flooder.startReading(true);
    long start = System.nanoTime();
    long served = 0;
    int emptyAnswers = 0;
    int offerLists = 0;
    int manifests = 0;
    int emptyManifests = 0;
    List<Long> farHeights = new ArrayList<>();
    for (int i = 0; i < SnapshotMessages.MAX_PROOFS; i++) {
      farHeights.add(1L << 40 + i % 8);
    }
    // Just under the per-connection rate limits: 18 chunks, 8 proof requests, one offer list and
    // two manifests (one not kept) a second, for 4 s.
    for (int second = 0; second < 4; second++) {
      flooder.send(NodeMessages.GET_SNAPSHOTS, new GetSnapshots());
      flooder.send(NodeMessages.GET_MANIFEST, new GetManifest(SNAPSHOT));
      flooder.send(NodeMessages.GET_MANIFEST, new GetManifest(SNAPSHOT + 7));
      flooder.send(NodeMessages.GET_CHUNK, new GetChunk(SNAPSHOT + 7, 0)); // not kept
      flooder.send(NodeMessages.GET_CHUNK, new GetChunk(SNAPSHOT, 1 << 30)); // no such chunk
      for (int k = 0; k < 18; k++) {
        flooder.send(NodeMessages.GET_CHUNK, new GetChunk(SNAPSHOT, biggest));
      }
      for (int k = 0; k < 8; k++) {
        flooder.send(NodeMessages.GET_EPOCH_PROOFS, new GetEpochProofs(farHeights));
      }
      long until = System.nanoTime() + 1_000_000_000L;
      for (HostilePeer.Frame f; System.nanoTime() < until; ) {
        f = flooder.poll(Duration.ofMillis(50));
        if (f != null && f.type() == NodeMessages.CHUNK.id()) {
          Chunk c = SnapshotMessages.CHUNK.decode(f.payload());
          served += c.bytes().length;
          emptyAnswers += c.bytes().length == 0 ? 1 : 0;
        } else if (f != null && f.type() == NodeMessages.MANIFEST.id()) {
          Manifest m = SnapshotMessages.MANIFEST.decode(f.payload());
          served += m.bytes().length;
          manifests++;
          emptyManifests += m.bytes().length == 0 ? 1 : 0;
        } else if (f != null && f.type() == NodeMessages.SNAPSHOTS.id()) {
          assertThat(SnapshotMessages.SNAPSHOTS.decode(f.payload()).offers())
              .as("the snapshots kept, within the offer limit")
              .isNotEmpty()
              .hasSizeLessThanOrEqualTo(SnapshotMessages.MAX_OFFERS);
          offerLists++;
        } else if (f != null && f.type() == NodeMessages.EPOCH_PROOFS.id()) {
          assertThat(SnapshotMessages.EPOCH_PROOFS.decode(f.payload()).proofs())
              .as("no proof for heights beyond the tip")
              .isEmpty();
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    flooder.close();

    long burst = 4L * org.timecoin.storage.snapshot.SnapshotFormat.MAX_CHUNK_BYTES;
    long oneAnswer = manifest.chunks().get(biggest).byteLength();
    assertThat(served)
        .as("chunk bytes served in %.1f s", seconds)
        .isPositive()
        .isLessThanOrEqualTo((long) (burst + oneAnswer + budget * (seconds + 1)));
    assertThat(emptyAnswers).as("unknown snapshots and chunks answered empty").isPositive();
    assertThat(offerLists).as("offer lists answered").isPositive();
    assertThat(manifests).as("manifests answered").isPositive();
    assertThat(emptyManifests).as("a manifest not kept answered empty").isPositive();
    assertThat(victim.snapshotServer().dropped()).as("requests dropped over budget").isPositive();
    awaitThat(
        "blocks during the flood",
        Duration.ofSeconds(30),
        () -> victim.chain().height() >= heightBefore + 5);
  }

  static byte[] key() {
    byte[] seed = new byte[32];
    seed[0] = 0x3C;
    return seed;
  }

  /** Connects as soon as the node listens (it starts listening when its fast sync begins). */
  @ParameterizedTest(name = "in a sorted run: {0}")
  @ValueSource(booleans = {false, true})
  void aFastSyncCutShortByADiskFaultStopsTheNodeAndResumesWithTheChunksStillMissing(
      boolean inSortedRun) throws Exception {
    validatorsWithASnapshot();
    int f =
        fullNode(
            new FastSync.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), 1, 1), false);
    int total = net.node(0).snapshots().manifest(SNAPSHOT).orElseThrow().chunks().size();
    assertThatThrownBy(
            () ->
                net.start(
                    f,
                    inner -> {
                      FaultyKvStore kv = new FaultyKvStore(inner);
                      // the second chunk's UTXOs (a sorted run) or its address index (a batch)
                      if (inSortedRun) {
                        kv.failSortedRunsAfter(1, FaultyKvStore.Fault.DISK_FULL);
                      } else {
                        kv.failUnloggedAfter(1, FaultyKvStore.Fault.DISK_FULL);
                      }
                      return kv;
                    }))
        .hasMessageContaining("No space left on device");

    TimeNode resumed = net.start(f);
    assertThat(resumed.fastSyncProgress().chunksFetched())
        .as("only the chunks the first run did not import")
        .isEqualTo(total - 1);
    assertThat(resumed.chain().store().baseHeight()).isEqualTo(SNAPSHOT);
    assertFollowsWithTheSameState(resumed);
  }

  static HostilePeer connectWhenListening(int port, Hash32 genesis, KeyPair key) {
    InetSocketAddress at = new InetSocketAddress("127.0.0.1", port);
    java.util.concurrent.atomic.AtomicReference<HostilePeer> peer =
        new java.util.concurrent.atomic.AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(
            () -> {
              peer.set(HostilePeer.connect(at).handshake(TESTNET_MAGIC, genesis, key, 0));
              return true;
            });
    return peer.get();
  }
}
