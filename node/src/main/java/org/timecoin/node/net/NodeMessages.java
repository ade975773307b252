package org.timecoin.node.net;

import org.timecoin.consensus.Vote;
import org.timecoin.node.net.BlockTxsMessages.BlockTxs;
import org.timecoin.node.net.BlockTxsMessages.GetBlockTxs;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.node.net.SyncMessages.StateRoot;
import org.timecoin.node.net.SyncMessages.Status;
import org.timecoin.p2p.MessageType;
import org.timecoin.p2p.RateLimit;

/** The message types the node puts on the P2P network, with their frame type ids. */
public final class NodeMessages {
  private NodeMessages() {}

  public static final MessageType<ProposalMessage> PROPOSAL =
      MessageType.gossip(0x10, "proposal", ConsensusCodecs.PROPOSAL);
  public static final MessageType<Vote> VOTE =
      MessageType.gossip(0x11, "vote", ConsensusCodecs.VOTE);

  /**
   * A proposal whose block names its transactions by short id (see {@code CompactProposal}). Not
   * deduplicated by the network: every honest copy is byte for byte the same, and a copy from
   * another peer must be able to retry a fetch that its first sender never answered.
   */
  public static final MessageType<CompactProposal> COMPACT_PROPOSAL =
      MessageType.direct(0x19, "compact-proposal", CompactProposal.CODEC);

  /** The fetch of a compact proposal's missing transactions, and its answer. */
  public static final MessageType<GetBlockTxs> GET_BLOCK_TXS =
      MessageType.direct(0x1A, "get-block-txs", BlockTxsMessages.GET_BLOCK_TXS);

  public static final MessageType<BlockTxs> BLOCK_TXS =
      MessageType.direct(0x1B, "block-txs", BlockTxsMessages.BLOCK_TXS);

  /**
   * Txids of admitted transactions, announced instead of the transactions themselves under compact
   * relay; a peer asks for the ones it lacks with {@link #GET_TXS} and gets them as {@link #TXS}.
   */
  public static final MessageType<TxIds> TX_INV = MessageType.direct(0x1C, "tx-inv", TxIds.CODEC);

  public static final MessageType<TxIds> GET_TXS = MessageType.direct(0x1D, "get-txs", TxIds.CODEC);

  /**
   * Admitted transactions, batched (see {@code TxRelay}); not deduplicated by the network, since
   * two batches rarely match: the mempool drops transactions it already holds.
   */
  public static final MessageType<TxBatch> TXS = MessageType.direct(0x18, "txs", TxBatch.CODEC);

  /**
   * The per-peer limit for a type a peer sends unprompted, from {@code [security]
   * peer_messages_per_second}: that many per second per type, with a burst of one second's worth.
   */
  public static RateLimit perPeerLimit(int messagesPerSecond) {
    return new RateLimit(messagesPerSecond, Math.max(1, messagesPerSecond));
  }

  public static final MessageType<Status> STATUS =
      MessageType.direct(0x13, "status", SyncMessages.STATUS).withRateLimit(new RateLimit(50, 200));
  public static final MessageType<GetBlocks> GET_BLOCKS =
      MessageType.direct(0x14, "get-blocks", SyncMessages.GET_BLOCKS)
          .withRateLimit(new RateLimit(50, 100));
  public static final MessageType<Blocks> BLOCKS =
      MessageType.direct(0x15, "blocks", SyncMessages.BLOCKS);
  public static final MessageType<GetStateRoot> GET_STATE_ROOT =
      MessageType.direct(0x16, "get-state-root", SyncMessages.GET_STATE_ROOT)
          .withRateLimit(new RateLimit(10, 20));
  public static final MessageType<StateRoot> STATE_ROOT =
      MessageType.direct(0x17, "state-root", SyncMessages.STATE_ROOT);
}
