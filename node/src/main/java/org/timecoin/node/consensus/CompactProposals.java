package org.timecoin.node.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.timecoin.common.Hash32;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.BlockTxsMessages.BlockTxs;
import org.timecoin.node.net.BlockTxsMessages.GetBlockTxs;
import org.timecoin.node.net.CompactProposal;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.p2p.RateLimit;

/**
 * The compact proposal protocol: a compact proposal passes the gate's cheap checks and its
 * signature check first, then its block is rebuilt from the mempool; what is missing is fetched
 * from the peer that sent it (GET_BLOCK_TXS / BLOCK_TXS), and the finished proposal goes back to
 * the gate. This side also answers other nodes' fetches from the blocks {@link ProposalSender}
 * keeps.
 *
 * <p>Compact proposals are not deduplicated by the network: every copy, from any peer, may start a
 * rebuild, so a sender that never answers a fetch (gone, over its queue, or hostile) delays the
 * proposal by at most {@link #RETRY_AFTER_NANOS}: the next copy from another peer (or the
 * proposer's re-send) is fetched from there. Once the gate accepted the proposal, further copies
 * cost it one lookup. Bounded: at most {@value #PENDING_KEPT} fetches wait, one per (block, peer)
 * (the oldest is dropped). An answer is matched to the fetch from the same peer for the same block;
 * one that does not match in count is dropped without blame (it may answer an earlier fetch of ours
 * that a newer one replaced). A fetch for a block not kept here is ignored (a slow receiver asking
 * late); one for a transaction beyond a kept block costs the asker standing (no honest node asks
 * it).
 */
public final class CompactProposals {
  static final int PENDING_KEPT = 16;

  /** How long a fetch may take before another sender's copy of the proposal starts a new one. */
  static final long RETRY_AFTER_NANOS = 500_000_000L;

  /** Standing lost for asking for a transaction beyond a kept block. */
  static final int BAD_ANSWER_POINTS = 50;

  private final PeerNetwork network;
  private final ConsensusMessageGate gate;
  private final Consumer<Consumer<Transaction>> mempool;
  private final ProposalSender sender;
  private final Clock clock;
  private final RecentMap<FetchKey, Pending> pending = new RecentMap<>(PENDING_KEPT);

  /** When the last fetch for a block started, so copies right behind it wait for its answer. */
  private final RecentMap<Hash32, Long> lastFetch = new RecentMap<>(PENDING_KEPT);

  private final LongAdder unmatchedAnswers = new LongAdder();
  private final LongAdder rebuiltAtOnce = new LongAdder();
  private final LongAdder fetches = new LongAdder();
  private final LongAdder txsFetched = new LongAdder();
  private final LongAdder badBlocks = new LongAdder();

  private record FetchKey(Hash32 block, PublicKey peer) {}

  private record Pending(BlockReconstruction rebuild, int[] asked, boolean allAsked) {}

  /**
   * @param mempool calls its argument with every transaction waiting in the mempool
   */
  public CompactProposals(
      PeerNetwork network,
      ConsensusMessageGate gate,
      Consumer<Consumer<Transaction>> mempool,
      ProposalSender sender,
      Clock clock) {
    this.network = network;
    this.gate = gate;
    this.mempool = mempool;
    this.sender = sender;
    this.clock = clock;
  }

  /**
   * Compact proposals and fetch answers on the consensus lane, fetch requests on {@code serving}
   * (they copy transactions, so they stay off the consensus lane).
   */
  public void register(RateLimit perPeer, Executor consensusLane, Executor serving) {
    network.register(
        NodeMessages.COMPACT_PROPOSAL.withRateLimit(perPeer), this::onCompact, consensusLane);
    network.register(
        NodeMessages.BLOCK_TXS.withRateLimit(perPeer), this::onBlockTxs, consensusLane);
    network.register(
        NodeMessages.GET_BLOCK_TXS.withRateLimit(perPeer), this::onGetBlockTxs, serving);
  }

  void onCompact(PublicKey from, CompactProposal c) {
    Long since = lastFetch.get(c.header().hash());
    if (since != null && clock.monoNanos() - since < RETRY_AFTER_NANOS) {
      return; // a fetch for this block is under way; a later copy retries if it fails
    }
    gate.onCompactProposal(from, c.proposal(), c.header(), () -> rebuild(from, c));
  }

  /** On the validation pool, once the proposal's signature verified. */
  private void rebuild(PublicKey from, CompactProposal c) {
    BlockReconstruction r = BlockReconstruction.start(c, mempool);
    int[] missing = r.missing();
    if (missing.length == 0) {
      ProposalMessage m = r.proposal();
      if (m != null) {
        rebuiltAtOnce.increment();
        gate.onRebuilt(from, m);
        return;
      }
      r.forgetMatches(); // an id matched the wrong transaction: fetch them all
      missing = r.missing();
    }
    fetch(from, r, missing, missing.length == r.compact().shortIds().length);
  }

  private void fetch(PublicKey from, BlockReconstruction r, int[] missing, boolean all) {
    Hash32 hash = r.compact().header().hash();
    pending.put(new FetchKey(hash, from), new Pending(r, missing, all));
    lastFetch.put(hash, clock.monoNanos());
    fetches.increment();
    txsFetched.add(missing.length);
    network.send(from, NodeMessages.GET_BLOCK_TXS, new GetBlockTxs(hash, missing));
  }

  void onBlockTxs(PublicKey from, BlockTxs answer) {
    Pending p = pending.remove(new FetchKey(answer.blockHash(), from));
    if (p == null) {
      return; // not asked of this peer, or answered too late
    }
    if (!p.rebuild().fill(p.asked(), answer.txs())) {
      unmatchedAnswers.increment();
      return;
    }
    ProposalMessage m = p.rebuild().proposal();
    if (m != null) {
      gate.onRebuilt(from, m);
    } else if (!p.allAsked()) {
      // Our mempool matched a wrong transaction: fetch every short-id slot once.
      p.rebuild().forgetMatches();
      fetch(from, p.rebuild(), p.rebuild().missing(), true);
    } else {
      // Every transaction came from the sender and the root still differs: the proposer's block
      // is bad, which an honest relayer cannot know (consensus refuses the block when it comes
      // whole), so nobody is blamed here.
      badBlocks.increment();
    }
  }

  void onGetBlockTxs(PublicKey from, GetBlockTxs request) {
    Block block = sender.block(request.blockHash());
    if (block == null) {
      return;
    }
    int[] indexes = request.indexes();
    if (indexes[indexes.length - 1] >= block.txs().size()) {
      network.penalize(
          from,
          BAD_ANSWER_POINTS,
          "asked for transaction " + indexes[indexes.length - 1] + " of a smaller block");
      return;
    }
    List<Transaction> txs = new ArrayList<>(indexes.length);
    for (int i : indexes) {
      txs.add(block.txs().get(i));
    }
    network.send(from, NodeMessages.BLOCK_TXS, new BlockTxs(request.blockHash(), txs));
  }

  /** Compact proposals rebuilt from the mempool alone. */
  public long rebuiltAtOnce() {
    return rebuiltAtOnce.sum();
  }

  /** Fetches of missing transactions sent. */
  public long fetches() {
    return fetches.sum();
  }

  /** Fetch answers whose count did not match the request they were matched to. */
  public long unmatchedAnswers() {
    return unmatchedAnswers.sum();
  }

  /** Compact proposals whose block, complete, did not match its header's root. */
  public long badBlocks() {
    return badBlocks.sum();
  }

  /** Transactions asked for in those fetches. */
  public long transactionsFetched() {
    return txsFetched.sum();
  }
}
