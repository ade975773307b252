package org.timecoin.node.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CertificateResult;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.Status;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerListener;
import org.timecoin.p2p.PeerNetwork;

/**
 * Catches the node up with its peers. Peers announce their finalized tip ({@link Status}) on
 * connect and after each block. A node behind by two blocks, or by one for longer than {@link
 * #STALE_LAG}, asks several peers for consecutive ranges at once; each block's certificate is
 * checked on arrival and the block itself fully validated before it is stored, in height order.
 * Once level with the best peer, consensus is told to resume at the next height; it is told again
 * whenever sync stores blocks, so a node that falls behind later returns to sync by itself.
 *
 * <p>Threads: message handlers (delivery executor) and the periodic tick (timer) share the state
 * under this object's lock; storage runs on the chain writer. Nothing here blocks.
 */
public final class BlockSync implements SyncStatus, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BlockSync.class);
  static final int RANGE = 32;
  static final int MAX_IN_FLIGHT = 8;
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  static final Duration STALE_LAG = Duration.ofSeconds(3);
  static final Duration TICK = Duration.ofMillis(200);

  /**
   * How far above the tip blocks are requested and kept until their predecessors are stored. An
   * answer to a request always fits, so none is dropped and fetched (and its certificate checked)
   * again.
   */
  static final int MAX_BUFFERED = MAX_IN_FLIGHT * RANGE * 2;

  private final LocalChain chain;
  private final PeerNetwork network;
  private final LongConsumer caughtUp;
  private final ScheduledExecutorService timer;
  private final Clock clock;
  private final StateCheck stateCheck;
  private final BlockServer server;
  private final int range;
  private final int maxAhead;

  private final Map<PublicKey, Long> peerHeights = new HashMap<>();
  private final TreeMap<Long, Request> inFlight = new TreeMap<>();
  private final TreeMap<Long, Received> received = new TreeMap<>();
  private volatile boolean syncing;
  private volatile long bestPeerHeight;
  private long behindSinceNanos = -1;
  private boolean applying;
  private long lastToldTip;
  private ScheduledFuture<?> tickTask;

  private record Request(PublicKey peer, long from, int count, long sentNanos) {}

  private record Received(CertifiedBlock block, PublicKey from) {}

  /**
   * @param caughtUp told the stored tip height when sync stored blocks (at most once per tick while
   *     syncing) or caught up (consensus resumes after it)
   */
  public BlockSync(
      LocalChain chain,
      PeerNetwork network,
      LongConsumer caughtUp,
      ScheduledExecutorService timer,
      Clock clock,
      int maxResponseBytes) {
    this(chain, network, caughtUp, timer, clock, maxResponseBytes, RANGE, MAX_BUFFERED);
  }

  BlockSync(
      LocalChain chain,
      PeerNetwork network,
      LongConsumer caughtUp,
      ScheduledExecutorService timer,
      Clock clock,
      int maxResponseBytes,
      int range,
      int maxAhead) {
    this.range = range;
    this.maxAhead = maxAhead;
    this.chain = chain;
    this.network = network;
    this.caughtUp = caughtUp;
    this.timer = timer;
    this.clock = clock;
    this.stateCheck = new StateCheck(chain, network);
    this.server = new BlockServer(chain, network, maxResponseBytes);
  }

  /** Registers the sync and state-check message handlers; call before the network starts. */
  public void register() {
    network.register(NodeMessages.STATUS, this::onStatus);
    network.register(NodeMessages.GET_BLOCKS, server::onGetBlocks);
    network.register(NodeMessages.BLOCKS, this::onBlocks);
    network.register(NodeMessages.GET_STATE_ROOT, stateCheck::onGetStateRoot);
    network.register(NodeMessages.STATE_ROOT, stateCheck::onStateRoot);
    network.addPeerListener(
        new PeerListener() {
          @Override
          public void onPeerConnected(PeerInfo peer) {
            network.send(peer.nodeKey(), NodeMessages.STATUS, ownStatus());
            stateCheck.ask(
                peer.nodeKey(), Math.min(chain.height(), Math.max(0, peer.bestHeight())));
          }

          @Override
          public void onPeerDisconnected(PeerInfo peer) {
            forget(peer.nodeKey());
          }
        });
    // While syncing, blocks are stored far faster than peers' STATUS rate limit allows; the tick
    // announces the tip then, at most once per TICK.
    chain.addListener(
        (block, cert) -> {
          if (!syncing) {
            network.broadcast(NodeMessages.STATUS, new Status(block.height(), block.hash()));
          }
        });
  }

  public void start() {
    tickTask =
        timer.scheduleWithFixedDelay(
            this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Status ownStatus() {
    return new Status(chain.height(), chain.tipHash());
  }

  void onStatus(PublicKey from, Status s) {
    network.reportPeerHeight(from, s.height());
    synchronized (this) {
      peerHeights.put(from, s.height());
      bestPeerHeight = Math.max(bestPeerHeight, s.height());
    }
  }

  private synchronized void forget(PublicKey peer) {
    peerHeights.remove(peer);
    inFlight.values().removeIf(r -> r.peer().equals(peer));
    bestPeerHeight = trustedBest();
  }

  void onBlocks(PublicKey from, Blocks msg) {
    List<Block> accepted = new ArrayList<>();
    synchronized (this) {
      List<CertifiedBlock> blocks = msg.blocks();
      Request req = blocks.isEmpty() ? null : inFlight.get(blocks.get(0).block().height());
      if (req == null || !req.peer().equals(from)) {
        return; // late answer to a request given to another peer, or unsolicited
      }
      inFlight.remove(req.from());
      long expected = req.from();
      for (CertifiedBlock cb : blocks) {
        Block b = cb.block();
        if (b.height() != expected || expected >= req.from() + req.count()) {
          misbehaved(from, "sent block " + b.height() + " where " + expected + " was due");
          return;
        }
        CertificateResult cert = cb.certificate().verifyFor(b.header(), chain.validators());
        if (!cert.isValid()) {
          misbehaved(
              from, "sent block " + b.height() + " with an invalid certificate: " + cert.detail());
          return;
        }
        if (b.height() > chain.height() && b.height() <= chain.height() + maxAhead) {
          received.put(b.height(), new Received(cb, from));
          accepted.add(b);
        }
        expected++;
      }
      if (syncing) {
        // Ask again at once rather than at the next tick, so the pipeline never runs dry.
        requestRanges(chain.height(), bestPeerHeight, clock.monoNanos());
      }
    }
    chain.preverifySignatures(accepted);
    applyNext();
  }

  private synchronized void misbehaved(PublicKey peer, String what) {
    log.warn("sync peer {} {}", peer.toHex(), what);
    stateCheck.distrust(peer);
    inFlight.values().removeIf(r -> r.peer().equals(peer));
    bestPeerHeight = trustedBest();
    network.penalize(peer, 50, what);
  }

  /** Stores the next received block if it follows the tip; one at a time, in order. */
  private void applyNext() {
    Received next;
    synchronized (this) {
      long tip = chain.height();
      received.headMap(tip, true).clear();
      next = applying ? null : received.get(tip + 1);
      if (next == null) {
        return;
      }
      applying = true;
    }
    Received r = next;
    chain
        .store(r.block().block(), r.block().certificate())
        .whenComplete(
            (tip, error) -> {
              synchronized (this) {
                applying = false;
                if (error != null) {
                  received.remove(r.block().block().height());
                }
              }
              if (error != null) {
                misbehaved(
                    r.from(),
                    "sent block "
                        + r.block().block().height()
                        + " that does not validate: "
                        + error.getMessage());
              } else if (!syncing) {
                caughtUp.accept(tip.height());
              }
              applyNext();
            });
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.error("block sync tick failed", e);
    }
  }

  void tick() {
    long ours = chain.height();
    long now = clock.monoNanos();
    boolean resumed = false;
    synchronized (this) {
      for (PeerInfo p : network.peers()) {
        peerHeights.merge(p.nodeKey(), p.bestHeight(), Math::max);
      }
      long best = trustedBest();
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

  private void requestRanges(long ours, long best, long now) {
    inFlight
        .values()
        .removeIf(
            r ->
                r.from() + r.count() - 1 <= ours
                    || now - r.sentNanos() > REQUEST_TIMEOUT.toNanos());
    long next = ours + 1;
    long last = Math.min(best, ours + maxAhead);
    while (inFlight.size() < MAX_IN_FLIGHT && next <= last) {
      Request covering =
          inFlight.floorEntry(next) == null ? null : inFlight.floorEntry(next).getValue();
      if (covering != null && covering.from() + covering.count() > next) {
        next = covering.from() + covering.count();
        continue;
      }
      if (received.containsKey(next)) {
        next++;
        continue;
      }
      int count = (int) Math.min(range, last - next + 1);
      PublicKey peer = pickPeer(next + count - 1);
      if (peer == null) {
        count = (int) Math.min(count, 1);
        peer = pickPeer(next);
        if (peer == null) {
          return;
        }
      }
      if (!network.send(peer, NodeMessages.GET_BLOCKS, new GetBlocks(next, count))) {
        return;
      }
      inFlight.put(next, new Request(peer, next, count, now));
      next += count;
    }
  }

  /** A trusted peer at or above {@code height} with the fewest requests in flight. */
  private PublicKey pickPeer(long height) {
    Map<PublicKey, Integer> load = new HashMap<>();
    for (Request r : inFlight.values()) {
      load.merge(r.peer(), 1, Integer::sum);
    }
    PublicKey best = null;
    int bestLoad = Integer.MAX_VALUE;
    List<PublicKey> candidates = new ArrayList<>(peerHeights.keySet());
    java.util.Collections.shuffle(candidates);
    for (PublicKey p : candidates) {
      if (peerHeights.get(p) >= height && stateCheck.trusted(p)) {
        int l = load.getOrDefault(p, 0);
        if (l < bestLoad) {
          best = p;
          bestLoad = l;
        }
      }
    }
    return best;
  }

  private long trustedBest() {
    long best = 0;
    for (Iterator<Map.Entry<PublicKey, Long>> it = peerHeights.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<PublicKey, Long> e = it.next();
      if (stateCheck.trusted(e.getKey())) {
        best = Math.max(best, e.getValue());
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
  public synchronized long peerHeight(PublicKey peer) {
    return peerHeights.getOrDefault(peer, -1L);
  }

  /** Peers whose state root disagreed with ours. */
  public int distrustedPeers() {
    return stateCheck.distrustedCount();
  }

  @Override
  public void close() {
    if (tickTask != null) {
      tickTask.cancel(false);
    }
  }
}
