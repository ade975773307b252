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
 * <p>Bounded: at most {@value #PENDING_KEPT} rebuilds wait for a fetch (the oldest is dropped; a
 * proposer re-sends a proposal that made no progress), and a rebuild for a block already waiting
 * starts again only after {@link #RETRY_AFTER_NANOS}, from another sender. A fetch answer that does
 * not match its request in count is the sender's fault and costs it standing; a fetch for a block
 * not kept here is ignored (a slow receiver asking late).
 */
public final class CompactProposals {
  static final int PENDING_KEPT = 16;

  /** How long a fetch may take before another sender's copy of the proposal starts a new one. */
  static final long RETRY_AFTER_NANOS = 500_000_000L;

  /** Standing lost for a fetch answer that does not match its request. */
  static final int BAD_ANSWER_POINTS = 50;

  private final PeerNetwork network;
  private final ConsensusMessageGate gate;
  private final Consumer<Consumer<Transaction>> mempool;
  private final ProposalSender sender;
  private final Clock clock;
  private final RecentMap<Hash32, Pending> pending = new RecentMap<>(PENDING_KEPT);
  private final LongAdder rebuiltAtOnce = new LongAdder();
  private final LongAdder fetches = new LongAdder();
  private final LongAdder txsFetched = new LongAdder();
  private final LongAdder badBlocks = new LongAdder();

  private record Pending(
      PublicKey from, BlockReconstruction rebuild, int[] asked, boolean allAsked, long since) {}

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
    Pending waiting = pending.get(c.header().hash());
    if (waiting != null && clock.monoNanos() - waiting.since() < RETRY_AFTER_NANOS) {
      return; // a fetch for this block is under way
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
    pending.put(hash, new Pending(from, r, missing, all, clock.monoNanos()));
    fetches.increment();
    txsFetched.add(missing.length);
    network.send(from, NodeMessages.GET_BLOCK_TXS, new GetBlockTxs(hash, missing));
  }

  void onBlockTxs(PublicKey from, BlockTxs answer) {
    Pending p = pending.get(answer.blockHash());
    if (p == null || !p.from().equals(from)) {
      return; // not asked of this peer, or answered too late
    }
    pending.remove(answer.blockHash());
    if (!p.rebuild().fill(p.asked(), answer.txs())) {
      network.penalize(from, BAD_ANSWER_POINTS, "sent block transactions not asked for");
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

  /** Compact proposals whose block, complete, did not match its header's root. */
  public long badBlocks() {
    return badBlocks.sum();
  }

  /** Transactions asked for in those fetches. */
  public long transactionsFetched() {
    return txsFetched.sum();
  }
}
