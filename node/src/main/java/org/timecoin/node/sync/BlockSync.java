package org.timecoin.node.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CertificateResult;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.api.SyncView;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.Status;
import org.timecoin.node.sync.RangeRequests.Request;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.p2p.RateLimitedLog;
import org.timecoin.storage.ChainTip;

/**
 * Catches the node up with its peers. Peers announce their finalized tip ({@link Status}) on
 * connect and after each block; that is a claim, used to choose whom to ask. A node behind by two
 * blocks, or by one for longer than {@link #STALE_LAG}, asks several peers for consecutive ranges
 * at once; each block's certificate is checked with the validator set of its height ({@link
 * LocalChain#validatorsAt}) on arrival, or when it is due if its epoch's set is not computed here
 * yet, and the block itself fully validated before it is stored, in height order. Once level with
 * the best peer, consensus is told to resume at the next height; it is told again whenever sync
 * stores blocks, so a node that falls behind later returns to sync by itself.
 *
 * <p>Blame: a block with a bad certificate or out of order costs the peer standing. A range not
 * answered within {@link SyncLimits#rangeDeadline()} costs it a little and goes to another peer; a
 * peer that misses {@link SyncLimits#maxMisses()} deadlines in a row is given up, and its claimed
 * height no longer keeps the node syncing. A certified block that fails to store is never the
 * peer's fault: the node stops (see {@link ApplyFailure}).
 *
 * <p>Threads: message handlers (sync lane) and the periodic tick (timer) share the state under this
 * object's lock; storage runs on the chain writer. Nothing here blocks.
 */
public final class BlockSync implements SyncStatus, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockSync.class);

  /** What peers cause is logged at a bounded rate. */
  private static final RateLimitedLog peerLog = RateLimitedLog.of(log);

  static final int RANGE = 32;
  static final int MAX_IN_FLIGHT = 8;
  static final Duration STALE_LAG = Duration.ofSeconds(3);
  static final Duration TICK = Duration.ofMillis(200);

  /** Standing a peer loses for a block with a bad certificate or out of order. */
  static final int BAD_BLOCK_PENALTY = 50;

  /** Standing a peer loses per deadline it let pass (once per sweep, however many ranges). */
  static final int MISS_PENALTY = 10;

  /**
   * How far above the tip blocks are requested and kept until their predecessors are stored. An
   * answer to a request always fits, so none is dropped and fetched (and its certificate checked)
   * again.
   */
  static final int MAX_BUFFERED = MAX_IN_FLIGHT * RANGE * 2;

  private final LocalChain chain;
  private final PeerNetwork network;
  private final LongConsumer caughtUp;
  private final NodeStop stop;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final SyncLimits limits;
  private final StateCheck stateCheck;
  private final BlockServer server;
  private final int range;
  private final int maxAhead;

  private final PeerClaims claims;
  private final SyncProgress progress;
  private final RangeRequests inFlight = new RangeRequests();
  private final TreeMap<Long, Received> received = new TreeMap<>();
  private final LongAdder rangesMissed = new LongAdder();
  private final LongAdder blocksApplied = new LongAdder();
  private volatile boolean syncing;
  private volatile boolean halted;
  private volatile long bestPeerHeight;
  private volatile long provenHeight;
  private long behindSinceNanos = -1;
  private boolean applying;
  private long lastToldTip;
  private ScheduledFuture<?> tickTask;

  /**
   * A block received ahead of the tip. {@code certified} once its certificate was checked: on
   * arrival when the set of its epoch is already known here, else when it is due (the sets of later
   * epochs are computed from the blocks before them).
   */
  private record Received(CertifiedBlock block, PublicKey from, boolean certified) {}

  /**
   * @param caughtUp told the stored tip height when sync stored blocks (at most once per tick while
   *     syncing) or caught up (consensus resumes after it)
   * @param stop stops the node when a fault is ours (storage, a certified block that fails here)
   */
  public BlockSync(
      LocalChain chain,
      PeerNetwork network,
      LongConsumer caughtUp,
      NodeStop stop,
      ScheduledExecutorService timer,
      Clock clock,
      int maxResponseBytes,
      SyncLimits limits) {
    this(
        chain,
        network,
        caughtUp,
        stop,
        timer,
        clock,
        maxResponseBytes,
        limits,
        RANGE,
        MAX_BUFFERED);
  }

  BlockSync(
      LocalChain chain,
      PeerNetwork network,
      LongConsumer caughtUp,
      NodeStop stop,
      ScheduledExecutorService timer,
      Clock clock,
      int maxResponseBytes,
      SyncLimits limits,
      int range,
      int maxAhead) {
    this.range = range;
    this.maxAhead = maxAhead;
    this.chain = chain;
    this.network = network;
    this.caughtUp = caughtUp;
    this.stop = stop;
    this.timer = timer;
    this.clock = clock;
    this.limits = limits;
    this.claims = new PeerClaims(limits.maxMisses(), limits.giveUpFor().toNanos());
    this.progress = new SyncProgress(clock);
    long memory = limits.budgetMemory().toNanos();
    this.stateCheck =
        new StateCheck(
            chain,
            network,
            new ServingBudget(
                limits.servingBytesPerSecond(), limits.servingBurstBytes(), memory, clock));
    this.server =
        new BlockServer(
            chain,
            network,
            new ServingBudget(
                limits.servingBytesPerSecond(), limits.servingBurstBytes(), memory, clock),
            maxResponseBytes,
            limits.maxRangeBlocks());
  }

  public void start() {
    tickTask =
        timer.scheduleWithFixedDelay(
            this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  LocalChain chain() {
    return chain;
  }

  BlockServer server() {
    return server;
  }

  StateCheck stateCheck() {
    return stateCheck;
  }

  Status ownStatus() {
    return new Status(chain.height(), chain.tipHash());
  }

  void onPeerConnected(PeerInfo peer) {
    network.send(peer.nodeKey(), NodeMessages.STATUS, ownStatus());
    stateCheck.ask(peer.nodeKey(), Math.min(chain.height(), Math.max(0, peer.bestHeight())));
  }

  void onStatus(PublicKey from, Status s) {
    network.reportPeerHeight(from, s.height());
    synchronized (this) {
      claims.claim(from, s.height());
    }
  }

  synchronized void forget(PublicKey peer) {
    claims.forget(peer);
    stateCheck.forget(peer);
    inFlight.dropPeer(peer);
    bestPeerHeight = target(clock.monoNanos());
  }

  void onBlocks(PublicKey from, Blocks msg) {
    List<Block> accepted = new ArrayList<>();
    synchronized (this) {
      List<CertifiedBlock> blocks = msg.blocks();
      Request req =
          halted || blocks.isEmpty() ? null : inFlight.answer(from, blocks.get(0).block().height());
      if (req == null) {
        return; // late answer to a request given to another peer, or unsolicited
      }
      long expected = req.from();
      long certifiedUpTo = expected - 1; // a proven height counts only checked certificates
      for (CertifiedBlock cb : blocks) {
        Block b = cb.block();
        if (b.height() != expected || expected >= req.from() + req.count()) {
          progress.rejected(b.height(), shortKey(from), "out of order, " + expected + " was due");
          misbehaved(from, "sent block " + b.height() + " where " + expected + " was due");
          return;
        }
        ValidatorSet set = chain.validatorsAt(b.height());
        if (set != null && !certificateValid(cb, set, from)) {
          return;
        }
        if (set != null && certifiedUpTo == expected - 1) {
          certifiedUpTo = expected;
        }
        if (b.height() > chain.height() && b.height() <= chain.height() + maxAhead) {
          received.put(b.height(), new Received(cb, from, set != null));
          accepted.add(b);
        }
        expected++;
      }
      claims.served(from, expected - 1, clock.monoNanos());
      provenHeight = Math.max(provenHeight, certifiedUpTo);
      if (syncing) {
        // Ask again at once rather than at the next tick, so the pipeline never runs dry.
        requestRanges(chain.height(), bestPeerHeight, clock.monoNanos());
      }
    }
    chain.preverifySignatures(accepted);
    applyNext();
  }

  /**
   * Checks a block's certificate with the validator set of its height; on failure the sender is
   * blamed. Caller holds the lock.
   */
  private boolean certificateValid(CertifiedBlock cb, ValidatorSet set, PublicKey from) {
    Block b = cb.block();
    CertificateResult cert = cb.certificate().verifyFor(b.header(), set);
    if (!cert.isValid()) {
      progress.rejected(b.height(), shortKey(from), "invalid certificate: " + cert.detail());
      misbehaved(
          from, "sent block " + b.height() + " with an invalid certificate: " + cert.detail());
    }
    return cert.isValid();
  }

  private synchronized void misbehaved(PublicKey peer, String what) {
    peerLog.warn("sync peer {} {}", peer.toHex(), what);
    stateCheck.distrust(peer);
    inFlight.dropPeer(peer);
    bestPeerHeight = target(clock.monoNanos());
    network.penalize(peer, BAD_BLOCK_PENALTY, what);
  }

  /**
   * Stops sync and the node for a fault of ours; no peer is blamed. Called at most once in effect.
   */
  void halt(String reason) {
    synchronized (this) {
      if (halted) {
        return;
      }
      halted = true;
      syncing = false;
      inFlight.clear();
      received.clear();
    }
    progress.halted(reason);
    log.error("STOPPING THE NODE: {}", reason);
    stop.request(reason);
  }

  /** Stores the next received block if it follows the tip; one at a time, in order. */
  private void applyNext() {
    Received next;
    synchronized (this) {
      long tip = chain.height();
      received.headMap(tip, true).clear();
      next = halted || applying ? null : received.get(tip + 1);
      if (next == null) {
        return;
      }
      if (!next.certified()) {
        ValidatorSet set = chain.validatorsAt(tip + 1);
        if (set == null) {
          // Every set is stored a full epoch before it votes: its absence is damage here.
          halt("no validator set stored for height " + (tip + 1) + " after block " + tip);
          return;
        }
        if (!certificateValid(next.block(), set, next.from())) {
          received.remove(tip + 1);
          return; // the next tick asks another peer for it
        }
        provenHeight = Math.max(provenHeight, tip + 1);
      }
      applying = true;
    }
    Received r = next;
    Block block = r.block().block();
    storing(r.block())
        .whenComplete(
            (tip, error) -> {
              synchronized (this) {
                applying = false;
                if (error != null) {
                  received.remove(block.height());
                }
              }
              if (error == null) {
                blocksApplied.increment();
              }
              if (error != null) {
                ApplyFailure.fatalCause(chain, block, error).ifPresent(this::halt);
              } else if (!syncing) {
                caughtUp.accept(tip.height());
              }
              applyNext();
            });
  }

  private CompletableFuture<ChainTip> storing(CertifiedBlock cb) {
    try {
      return chain.store(cb.block(), cb.certificate());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      StorageFaults.haltIfStorage(this, "block sync", e);
      log.error("block sync tick failed", e);
    }
  }

  void tick() {
    if (halted) {
      return;
    }
    long ours = chain.height();
    long now = clock.monoNanos();
    boolean resumed = false;
    synchronized (this) {
      List<PeerInfo> connected = network.peers();
      for (PeerInfo p : connected) {
        claims.claim(p.nodeKey(), p.bestHeight());
      }
      expireRequests(ours, now);
      long best = target(now);
      bestPeerHeight = best;
      if (best > ours) {
        if (behindSinceNanos < 0) {
          behindSinceNanos = now;
        }
      } else {
        behindSinceNanos = -1;
      }
      boolean behind =
          best >= ours + 2 || (best > ours && now - behindSinceNanos >= STALE_LAG.toNanos());
      if (behind && !syncing) {
        syncing = true;
        log.info("behind peers ({} < {}): syncing blocks", ours, best);
      }
      if (syncing) {
        if (ours >= best) {
          syncing = false;
          inFlight.clear();
          resumed = true;
          log.info("caught up at height {}: following consensus", ours);
        } else {
          requestRanges(ours, best, now);
        }
      }
      progress.observe(
          new SyncProgress.Sample(
              ours,
              best,
              provenHeight(),
              syncing,
              connected.size(),
              claims.bestClaimed(),
              waitingFor(ours + 1)));
    }
    if (resumed || (syncing && ours > lastToldTip)) {
      // While syncing, consensus hears of the tip once per tick: each notice restarts it at a new
      // height (a WAL segment opened and synced), which per stored block would cost more than the
      // blocks themselves.
      lastToldTip = ours;
      caughtUp.accept(ours);
    }
    if (resumed || syncing) {
      network.broadcast(NodeMessages.STATUS, ownStatus());
    }
    stateCheck.maybeCheck(now);
    applyNext();
  }

  private SyncProgress.Waiting waitingFor(long height) {
    Request r = inFlight.covering(height);
    return r == null
        ? null
        : new SyncProgress.Waiting(shortKey(r.peer()), r.from(), r.last(), r.sentNanos());
  }

  /** Enough of a node key to find the peer in getpeerinfo. */
  private static String shortKey(PublicKey peer) {
    return peer.toHex().substring(0, 16);
  }

  /** The height sync aims for: the best claim of a peer still asked and trusted. */
  private long target(long now) {
    return claims.best(stateCheck::trusted, now);
  }

  /**
   * Drops requests the tip overtook, and those past their deadline, which go to other peers. A peer
   * that let one pass without serving anything since loses standing once per sweep, and is given up
   * after {@link SyncLimits#maxMisses()} such sweeps in a row.
   */
  private void expireRequests(long ours, long now) {
    for (Request r : inFlight.expire(ours, now, limits.rangeDeadline().toNanos())) {
      if (claims.servedSince(r.peer(), r.sentNanos())) {
        continue; // it answers, just not this range (over its budget?): asked again, no blame
      }
      rangesMissed.increment();
      String what =
          "did not serve blocks "
              + r.from()
              + ".."
              + r.last()
              + " within "
              + limits.rangeDeadline().toMillis()
              + " ms";
      if (claims.missed(r.peer(), now)) {
        peerLog.warn(
            "sync peer {} {}; it claimed height {} and is no longer asked",
            r.peer().toHex(),
            what,
            claims.claimed(r.peer()));
        inFlight.dropPeer(r.peer());
      } else {
        peerLog.info("sync peer {} {}", r.peer().toHex(), what);
      }
      network.penalize(r.peer(), MISS_PENALTY, what);
    }
  }

  private void requestRanges(long ours, long best, long now) {
    long next = ours + 1;
    long last = Math.min(best, ours + maxAhead);
    while (inFlight.size() < MAX_IN_FLIGHT && next <= last) {
      long uncovered = inFlight.skipCovered(next);
      if (uncovered != next) {
        next = uncovered;
        continue;
      }
      if (received.containsKey(next)) {
        next++;
        continue;
      }
      int count = (int) Math.min(range, last - next + 1);
      PublicKey peer = pickPeer(next + count - 1, now);
      if (peer == null) {
        count = (int) Math.min(count, 1);
        peer = pickPeer(next, now);
        if (peer == null) {
          return;
        }
      }
      if (!network.send(peer, NodeMessages.GET_BLOCKS, new GetBlocks(next, count))) {
        return;
      }
      inFlight.add(new Request(peer, next, count, now));
      next += count;
    }
  }

  /**
   * A trusted peer still asked, at or above {@code height}: the one that missed the fewest
   * deadlines lately, then the one with the fewest requests in flight.
   */
  private PublicKey pickPeer(long height, long now) {
    Map<PublicKey, Integer> load = inFlight.load();
    PublicKey best = null;
    long bestLoad = Long.MAX_VALUE;
    List<PublicKey> candidates = new ArrayList<>();
    claims.peers().forEach(candidates::add);
    Collections.shuffle(candidates);
    for (PublicKey p : candidates) {
      if (!claims.givenUp(p, now)
          && claims.effectiveHeight(p, now) >= height
          && stateCheck.trusted(p)) {
        long l = (long) claims.misses(p) * MAX_IN_FLIGHT + load.getOrDefault(p, 0);
        if (l < bestLoad) {
          best = p;
          bestLoad = l;
        }
      }
    }
    return best;
  }

  @Override
  public boolean syncing() {
    return syncing;
  }

  @Override
  public long bestPeerHeight() {
    return bestPeerHeight;
  }

  @Override
  public long provenHeight() {
    return Math.max(provenHeight, chain.height());
  }

  @Override
  public SyncView view() {
    return progress.view();
  }

  @Override
  public synchronized long peerHeight(PublicKey peer) {
    return claims.claimed(peer);
  }

  /** Whether sync stopped for a fault of ours (and asked the node to stop). */
  public boolean halted() {
    return halted;
  }

  /** Peers whose state root disagreed with ours. */
  public int distrustedPeers() {
    return stateCheck.distrustedCount();
  }

  /** Blocks fetched from peers and stored by block sync (not those consensus decided here). */
  public long blocksApplied() {
    return blocksApplied.sum();
  }

  /** Range deadlines peers let pass (counted once per peer and sweep). */
  public long rangesMissed() {
    return rangesMissed.sum();
  }

  /** Whether {@code peer} missed so many deadlines that it is no longer asked for blocks. */
  public synchronized boolean gaveUpOn(PublicKey peer) {
    return claims.givenUp(peer, clock.monoNanos());
  }

  /** Block-range and state-root requests dropped because the peer was over its budget. */
  public long requestsDroppedOverBudget() {
    return server.dropped() + stateCheck.dropped();
  }

  @Override
  public void close() {
    if (tickTask != null) {
      tickTask.cancel(false);
    }
  }
}
