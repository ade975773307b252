package org.timecoin.node.fastsync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.codec.CodecException;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.node.fastsync.FastSyncLink.BlocksArrived;
import org.timecoin.node.fastsync.FastSyncLink.ChunkArrived;
import org.timecoin.node.fastsync.FastSyncLink.ChunkImported;
import org.timecoin.node.fastsync.FastSyncLink.Event;
import org.timecoin.node.fastsync.FastSyncLink.ManifestArrived;
import org.timecoin.node.fastsync.FastSyncLink.OffersArrived;
import org.timecoin.node.fastsync.FastSyncLink.PeerJoined;
import org.timecoin.node.fastsync.FastSyncLink.PeerLeft;
import org.timecoin.node.fastsync.FastSyncLink.ProofsArrived;
import org.timecoin.node.fastsync.FastSyncProgress.Phase;
import org.timecoin.node.fastsync.SnapshotOffers.Candidate;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SnapshotMessages;
import org.timecoin.node.net.SnapshotMessages.GetChunk;
import org.timecoin.node.net.SnapshotMessages.GetEpochProofs;
import org.timecoin.node.net.SnapshotMessages.GetManifest;
import org.timecoin.node.net.SnapshotMessages.GetSnapshots;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.snapshot.BadChunkException;
import org.timecoin.storage.snapshot.SnapshotManifest;

/**
 * Takes an empty store to a recent snapshot height without replaying a block: asks peers which
 * snapshots they keep, proves the chosen height's header from genesis through one certified header
 * per epoch ({@link EpochProofChain}), fetches the manifest and checks it against that header's
 * state root, then fetches the chunks from every peer offering the same manifest, in parallel, each
 * checked against the manifest before it is stored. A peer caught lying (a bad proof, manifest or
 * chunk) loses standing and the work goes to another. What was imported survives a restart: the
 * next run resumes with the chunks still missing. Block sync takes over from the snapshot height.
 *
 * <p>Runs on the caller's thread, which owns all its state; chunks are checked and written on
 * {@code importers}.
 */
public final class FastSync {
  private static final Logger log = LoggerFactory.getLogger(FastSync.class);

  /** Epoch-proof requests no closer than this: the limit is 10 a second with a burst of 20. */
  static final long PROOF_REQUEST_SPACING_NANOS = 125_000_000L;

  /** Standing lost for a proof, manifest or chunk that does not check out: two and it is banned. */
  static final int LIE_PENALTY = 50;

  /** What came of a run. */
  public enum Outcome {
    /** The store now holds the snapshot's state; block sync continues from its height. */
    IMPORTED,
    /** No usable snapshot (none offered, or none proven): sync from genesis instead. */
    NO_SNAPSHOT
  }

  /**
   * @param peerWait how long to wait for a first peer, and for offers after it
   * @param requestDeadline how long a peer has to answer one request
   * @param chunksPerPeer chunks asked from one peer at a time
   * @param enoughOffers peers whose offers are awaited (within {@code peerWait}) before choosing,
   *     so that a snapshot is not chosen on one peer's word and several peers serve it
   */
  public record Settings(
      Duration peerWait, Duration requestDeadline, int chunksPerPeer, int enoughOffers) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(20), Duration.ofSeconds(15), 4, 3);
    }
  }

  /** A candidate found unusable; the reason is logged and the next one tried. */
  private static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }
  }

  private final ChainStore store;
  private final GenesisConfig genesis;
  private final FastSyncLink link;
  private final ExecutorService importers;
  private final Clock clock;
  private final Settings settings;
  private final FastSyncProgress progress;
  private final Set<PublicKey> peers = new LinkedHashSet<>();
  private final SnapshotOffers offers = new SnapshotOffers();
  private final Set<PublicKey> asked = new LinkedHashSet<>();
  private final Set<PublicKey> answered = new LinkedHashSet<>();
  private long nextProofRequestNanos;

  FastSync(
      ChainStore store,
      GenesisConfig genesis,
      FastSyncLink link,
      ExecutorService importers,
      Clock clock,
      Settings settings,
      FastSyncProgress progress) {
    this.store = store;
    this.genesis = genesis;
    this.link = link;
    this.importers = importers;
    this.clock = clock;
    this.settings = settings;
    this.progress = progress;
  }

  /** Runs the fast sync to its end. */
  Outcome run() throws InterruptedException {
    progress.phase(Phase.WAITING_FOR_PEERS);
    link.network().peers().forEach(p -> peers.add(p.nodeKey()));
    if (!collectOffers()) {
      return noSnapshot("no peer offered a snapshot");
    }
    for (Candidate c : offers.ranked()) {
      try {
        importCandidate(c);
        progress.phase(Phase.DONE);
        return Outcome.IMPORTED;
      } catch (Unusable e) {
        log.warn("snapshot at height {} not usable: {}", c.offer().height(), e.getMessage());
        offers.drop(c.offer().manifestId());
      }
    }
    return noSnapshot("no offered snapshot could be proven and fetched");
  }

  private Outcome noSnapshot(String why) {
    progress.phase(Phase.DONE);
    log.info("fast sync: {}; syncing blocks from genesis instead", why);
    return Outcome.NO_SNAPSHOT;
  }

  /** Asks every peer for its snapshots until each has answered or the wait ends. */
  private boolean collectOffers() throws InterruptedException {
    long deadline = clock.monoNanos() + settings.peerWait().toNanos();
    List<PublicKey> first = new ArrayList<>(peers);
    first.forEach(this::askOffers);
    while (answered.size() < settings.enoughOffers() || !answered.containsAll(asked)) {
      progress.phase(asked.isEmpty() ? Phase.WAITING_FOR_PEERS : Phase.OFFERS);
      Event e = link.next(deadline - clock.monoNanos());
      if (e == null) {
        break;
      }
      track(e);
    }
    return !offers.ranked().isEmpty();
  }

  private void askOffers(PublicKey peer) {
    if (asked.add(peer)) {
      link.ask(peer, "offers", NodeMessages.GET_SNAPSHOTS, new GetSnapshots());
    }
  }

  /**
   * Keeps track of peers and offers whatever phase the event arrives in: a peer that joins late is
   * asked for its snapshots too, and serves chunks once it offers the same manifest.
   */
  private void track(Event e) {
    switch (e) {
      case PeerJoined j -> {
        peers.add(j.peer());
        askOffers(j.peer());
      }
      case PeerLeft l -> {
        peers.remove(l.peer());
        offers.peerGone(l.peer());
      }
      case OffersArrived o -> {
        answered.add(o.from());
        if (peers.contains(o.from())) {
          offers.add(o.from(), o.snapshots().offers());
        }
      }
      default -> {} // a late answer to a request given up on
    }
  }

  private void importCandidate(Candidate c) throws Unusable, InterruptedException {
    long height = c.offer().height();
    Optional<SnapshotManifest> resuming = store.chunkedImportInProgress();
    if (resuming.isPresent() && !resuming.get().id().equals(c.offer().manifestId())) {
      log.info(
          "fast sync: dropping the import of the snapshot at height {} for one at height {}",
          resuming.get().height(),
          height);
      store.abortChunkedImport();
    }
    progress.phase(Phase.HEADERS);
    progress.target(height, c.offer().chunks());
    EpochProofChain proven = proveHeader(c);
    CertifiedBlock tip = fetchBlock(c, proven);
    progress.phase(Phase.MANIFEST);
    SnapshotManifest manifest = fetchManifest(c);
    if (store.chunkedImportInProgress().isEmpty()) {
      store.beginChunkedImport(manifest);
    }
    progress.phase(Phase.CHUNKS);
    fetchChunks(c, manifest);
    progress.phase(Phase.FINISHING);
    long epoch = Epochs.epochOf(height, genesis.params().epochBlocks());
    store.finishChunkedImport(
        tip.block(),
        tip.certificate(),
        Map.of(
            epoch,
            proven.set(epoch).orElseThrow(),
            epoch + 1,
            proven.set(epoch + 1).orElseThrow()));
    log.info(
        "fast sync: imported the snapshot at height {} ({} chunks); syncing blocks from there",
        height,
        manifest.chunks().size());
  }

  /** Proves the set of every epoch up to the snapshot's, then the snapshot's header itself. */
  private EpochProofChain proveHeader(Candidate c) throws Unusable, InterruptedException {
    long height = c.offer().height();
    long epochBlocks = genesis.params().epochBlocks();
    if (Epochs.isLastOfEpoch(height, epochBlocks)) {
      throw new Unusable("a snapshot height may not end an epoch");
    }
    EpochProofChain chain =
        new EpochProofChain(genesis.chainId(), genesis.validatorSet(), epochBlocks);
    long epoch = Epochs.epochOf(height, epochBlocks);
    List<PublicKey> sources = sourcesFor(c);
    while (true) {
      List<Long> heights = new ArrayList<>();
      for (long e = chain.provenEpoch();
          e < epoch && heights.size() < SnapshotMessages.MAX_PROOFS;
          e++) {
        heights.add((e + 1) * epochBlocks);
      }
      if (heights.isEmpty()) {
        heights.add(height);
      }
      int before = chain.sets().size();
      awaitProofPace();
      ProofsArrived answer =
          ask(
              sources,
              "proofs",
              NodeMessages.GET_EPOCH_PROOFS,
              new GetEpochProofs(heights),
              ProofsArrived.class);
      try {
        for (SnapshotMessages.EpochProof p : answer.proofs().proofs()) {
          chain.accept(p);
          if (p.header().height() == height) {
            checkOffered(c, p.header(), answer.from());
            return chain;
          }
        }
      } catch (EpochProofChain.BadProof e) {
        lie(answer.from(), "sent a bad epoch proof: " + e.getMessage());
        sources.remove(answer.from());
        continue;
      }
      if (chain.sets().size() == before) {
        sources.remove(answer.from()); // it has none of them: ask another
      }
    }
  }

  /**
   * Keeps epoch-proof requests under the per-connection rate limit (a long chain needs many),
   * tracking peers meanwhile.
   */
  private void awaitProofPace() throws InterruptedException {
    for (long wait; (wait = nextProofRequestNanos - clock.monoNanos()) > 0; ) {
      Event e = link.next(wait);
      if (e != null) {
        track(e);
      }
    }
    nextProofRequestNanos = clock.monoNanos() + PROOF_REQUEST_SPACING_NANOS;
  }

  private void checkOffered(Candidate c, BlockHeader header, PublicKey prover) throws Unusable {
    if (!header.hash().equals(c.offer().blockHash())
        || !header.stateRoot().equals(c.offer().stateRoot())) {
      for (PublicKey p : c.peers()) {
        lie(p, "offered a snapshot whose block is not the certified one");
      }
      throw new Unusable("the certified header at its height differs from the offer");
    }
  }

  /** The snapshot height's block with its certificate, which must match the proven header. */
  private CertifiedBlock fetchBlock(Candidate c, EpochProofChain proven)
      throws Unusable, InterruptedException {
    long height = c.offer().height();
    List<PublicKey> sources = sourcesFor(c);
    while (true) {
      BlocksArrived answer =
          ask(
              sources,
              "blocks",
              NodeMessages.GET_BLOCKS,
              new GetBlocks(height, 1),
              BlocksArrived.class);
      List<CertifiedBlock> blocks = answer.blocks().blocks();
      CertifiedBlock b = blocks.isEmpty() ? null : blocks.get(0);
      if (b != null
          && b.block().height() == height
          && b.block().hash().equals(c.offer().blockHash())
          && b.block().computeTxRoot().equals(b.block().header().txRoot())
          && b.certificate()
              .verifyFor(b.block().header(), proven.setAt(height).orElseThrow())
              .isValid()) {
        return b;
      }
      if (b != null) {
        lie(answer.from(), "sent a block at the snapshot height that is not the certified one");
      }
      sources.remove(answer.from());
    }
  }

  private SnapshotManifest fetchManifest(Candidate c) throws Unusable, InterruptedException {
    long height = c.offer().height();
    List<PublicKey> sources = new ArrayList<>(offers.peersOf(c.offer().manifestId()));
    while (true) {
      ManifestArrived answer =
          ask(
              sources,
              "manifest:" + height,
              NodeMessages.GET_MANIFEST,
              new GetManifest(height),
              ManifestArrived.class);
      sources.remove(answer.from());
      byte[] bytes = answer.manifest().bytes();
      if (bytes.length == 0) {
        offers.peersOf(c.offer().manifestId()).remove(answer.from()); // pruned since it offered
        continue;
      }
      try {
        SnapshotManifest m = SnapshotManifest.CODEC.decode(bytes);
        if (m.id().equals(c.offer().manifestId())
            && m.height() == height
            && m.blockHash().equals(c.offer().blockHash())) {
          m.checkAgainst(c.offer().stateRoot());
          return m;
        }
        lie(answer.from(), "sent a manifest other than the one it offered");
      } catch (CodecException | IllegalArgumentException e) {
        lie(answer.from(), "sent a manifest that does not check out: " + e.getMessage());
      }
    }
  }

  /** Fetches every chunk not yet imported, in parallel from the peers offering the manifest. */
  private void fetchChunks(Candidate c, SnapshotManifest manifest)
      throws Unusable, InterruptedException {
    long height = manifest.height();
    ChunkSchedule schedule =
        new ChunkSchedule(
            manifest.chunks().size(),
            store.importedChunks(),
            settings.chunksPerPeer(),
            settings.requestDeadline().toNanos());
    progress.chunks(schedule.importedCount());
    int importing = 0;
    long idleSince = clock.monoNanos();
    while (!schedule.complete() || importing > 0) {
      long now = clock.monoNanos();
      for (ChunkSchedule.Request r : schedule.expire(now)) {
        link.forget(r.peer(), FastSyncLink.chunkKey(height, r.index()));
      }
      List<PublicKey> sources = new ArrayList<>(offers.peersOf(c.offer().manifestId()));
      sources.retainAll(peers);
      for (ChunkSchedule.Request r : schedule.assign(sources, now)) {
        if (!link.ask(
            r.peer(),
            FastSyncLink.chunkKey(height, r.index()),
            NodeMessages.GET_CHUNK,
            new GetChunk(height, r.index()))) {
          schedule.peerGone(r.peer());
        }
      }
      if (importing == 0 && sources.stream().noneMatch(schedule::usable)) {
        if (now - idleSince > settings.peerWait().toNanos()) {
          throw new Unusable("no peer left to serve its chunks");
        }
      } else {
        idleSince = now;
      }
      Event e = link.next(Math.min(settings.requestDeadline().toNanos(), 1_000_000_000L));
      if (e instanceof ChunkArrived a) {
        int index = a.chunk().index();
        if (a.chunk().bytes().length == 0) {
          schedule.peerGone(a.from()); // no longer kept there
          offers.peersOf(c.offer().manifestId()).remove(a.from());
        } else if (schedule.expected(a.from(), index)) {
          schedule.arrived(index);
          importing++;
          byte[] bytes = a.chunk().bytes();
          PublicKey from = a.from();
          importers.execute(() -> link.post(importChunk(from, index, bytes)));
        }
      } else if (e instanceof ChunkImported done) {
        importing--;
        if (done.fault() != null) {
          throw done.fault(); // ours (storage): stops the node, blames nobody
        }
        if (done.error() == null) {
          progress.servedBy(done.from());
          schedule.imported(done.index());
          progress.chunks(schedule.importedCount());
        } else {
          lie(done.from(), "sent a bad chunk: " + done.error().getMessage());
          schedule.bad(done.from(), done.index());
        }
      } else if (e instanceof PeerLeft l) {
        track(e);
        schedule.peerGone(l.peer());
      } else if (e != null) {
        track(e);
      }
    }
  }

  private ChunkImported importChunk(PublicKey from, int index, byte[] bytes) {
    try {
      store.importChunk(index, bytes);
      return new ChunkImported(from, index, null, null);
    } catch (BadChunkException e) {
      return new ChunkImported(from, index, e, null);
    } catch (RuntimeException e) {
      return new ChunkImported(from, index, null, e);
    } catch (Error e) {
      // Reported rather than lost on the pool's thread, where the loop would wait for it forever.
      return new ChunkImported(from, index, null, new IllegalStateException(e));
    }
  }

  /** Peers to ask for proofs and blocks: those offering the snapshot first, then the rest. */
  private List<PublicKey> sourcesFor(Candidate c) {
    Set<PublicKey> out = new LinkedHashSet<>(offers.peersOf(c.offer().manifestId()));
    out.addAll(peers);
    out.retainAll(peers);
    return new ArrayList<>(out);
  }

  /**
   * Asks the first of {@code sources} and waits for its answer; a source that does not answer in
   * time, or has gone, is dropped and the next asked.
   */
  private <T, A extends Event> A ask(
      List<PublicKey> sources,
      String what,
      org.timecoin.p2p.MessageType<T> type,
      T request,
      Class<A> answer)
      throws Unusable, InterruptedException {
    while (!sources.isEmpty()) {
      PublicKey peer = sources.get(0);
      if (!peers.contains(peer) || !link.ask(peer, what, type, request)) {
        sources.remove(0);
        continue;
      }
      long deadline = clock.monoNanos() + settings.requestDeadline().toNanos();
      while (true) {
        Event e = link.next(deadline - clock.monoNanos());
        if (e == null) {
          link.forget(peer, what);
          sources.remove(0);
          break;
        }
        if (answer.isInstance(e) && e.from().equals(peer)) {
          return answer.cast(e);
        }
        track(e);
        if (!peers.contains(peer)) {
          sources.remove(0);
          break;
        }
      }
    }
    throw new Unusable("no peer answered " + what);
  }

  private void lie(PublicKey peer, String what) {
    log.warn("fast sync: peer {} {}", peer, what);
    progress.punished(peer);
    link.network().penalize(peer, LIE_PENALTY, what);
  }
}
