package org.timecoin.node;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.runtime.ConsensusRuntime;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.chain.ValidationPool;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.consensus.CompactProposals;
import org.timecoin.node.consensus.ConsensusHandler;
import org.timecoin.node.consensus.ExecutorScheduler;
import org.timecoin.node.consensus.ProposalSender;
import org.timecoin.node.fastsync.SnapshotTaker;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.PeerTxBudget;
import org.timecoin.node.mempool.TransactionHandler;
import org.timecoin.node.mempool.TxAnnouncements;
import org.timecoin.node.mempool.TxRelay;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.sync.BlockSync;
import org.timecoin.node.sync.SnapshotServer;
import org.timecoin.node.sync.StateCheckHandler;
import org.timecoin.node.sync.SyncHandler;
import org.timecoin.node.sync.SyncLimits;
import org.timecoin.p2p.P2pNode;
import org.timecoin.p2p.RateLimit;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.snapshot.SnapshotKeeper;

/**
 * The handler of each protocol, registered on the network (CometBFT's reactors), on delivery lanes
 * that keep them apart: proposals, votes and compact proposals (with the transactions fetched to
 * rebuild them) on the consensus lane; serving the transactions a peer's rebuild misses, relayed
 * transactions with their announcements, block serving, state checks and snapshots each on a lane
 * of their own. A backlog on one lane never delays another; proposals and votes wait behind none.
 */
final class NodeProtocols {
  final BlockSync sync;
  final ConsensusHandler consensus;
  final TransactionHandler transactions;
  final TxAnnouncements txAnnouncements;
  final CompactProposals compactProposals;
  final SnapshotKeeper keeper;
  final SnapshotServer snapshotServer;

  /** The parts the handlers serve. */
  record Served(
      LocalChain chain,
      ChainStore store,
      P2pNode network,
      ConsensusRuntime runtime,
      Mempool mempool,
      TxRelay txRelay) {}

  NodeProtocols(
      NodeContext node,
      Served parts,
      ExecutorScheduler scheduler,
      ValidationPool validation,
      ProposalSender proposals)
      throws IOException {
    NodeConfig config = node.config();
    P2pNode network = parts.network();
    LocalChain chain = parts.chain();
    sync =
        new BlockSync(
            chain,
            network,
            h -> parts.runtime().caughtUp(h),
            node.requestStop()::accept,
            scheduler.executor(),
            node.clock(),
            config.network().maxFrameBytes() / 2,
            SyncLimits.of(config.sync(), config.security().banDuration()));
    RateLimit perPeer = NodeMessages.perPeerLimit(config.security().peerMessagesPerSecond());
    consensus =
        new ConsensusHandler(
            network,
            parts.runtime(),
            chain::validatorsAt,
            chain::height,
            MessageVerifier.ed25519(node.genesis().chainId()),
            validation,
            node.genesis().params().maxBlockBytes(),
            perPeer,
            chain.lateCommits(),
            proposals);
    consensus.register();
    node.started().accept(consensus);
    // Relayed transactions and their announcements share a lane of their own: admission work
    // behind a flood of transactions never delays votes.
    ExecutorService txLane = node.lane("tx-lane");
    transactions =
        new TransactionHandler(
            network,
            parts.mempool(),
            parts.txRelay(),
            new PeerTxBudget(
                PeerTxBudget.Limits.of(config.security()),
                config.security().banDuration(),
                node.clock()));
    transactions.register(perPeer, txLane);
    txAnnouncements =
        new TxAnnouncements(
            network,
            id -> parts.mempool().knows(id) || parts.txRelay().receivedLately(id),
            parts.mempool()::get,
            node.clock(),
            Math.min(TxRelay.MAX_BATCH_BYTES, config.network().maxFrameBytes() / 4));
    txAnnouncements.register(perPeer, txLane);
    compactProposals =
        new CompactProposals(
            network,
            consensus.gate(),
            each -> {
              // Waiting in the mempool, or arrived from a peer and still being admitted.
              parts.mempool().forEach(each);
              transactions.forEachArriving(each);
            },
            proposals,
            node.clock());
    compactProposals.register(perPeer, consensus.lane(), node.lane("block-txs-lane"));
    // Block serving and state checks read the disk: each on a lane of its own, so neither a
    // backlog of them nor the other's delays proposals and votes.
    new SyncHandler(sync, network).register(node.lane("sync-lane"));
    new StateCheckHandler(sync, network).register(node.lane("state-check-lane"));
    keeper =
        new SnapshotKeeper(config.dataDir().resolve("snapshots"), config.sync().snapshotKeep());
    snapshotServer =
        new SnapshotServer(
            sync,
            keeper,
            network,
            config.sync().snapshotServingBytesPerSecond(),
            config.network().maxFrameBytes() / 2,
            node.clock());
    snapshotServer.register(node.lane("snapshot-lane"));
    keepSnapshots(node, parts);
  }

  /** Keeps a snapshot every {@code snapshot_interval} blocks, when the interval is set. */
  private void keepSnapshots(NodeContext node, Served parts) {
    long interval = node.config().sync().snapshotInterval();
    if (interval > 0) {
      SnapshotTaker taker =
          new SnapshotTaker(
              parts.store(),
              keeper,
              interval,
              node.genesis().params().epochBlocks(),
              node.clock(),
              sync::syncing);
      node.started().accept(taker);
      parts.chain().addListener(taker);
    }
  }
}
