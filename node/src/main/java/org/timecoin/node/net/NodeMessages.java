package org.timecoin.node.net;

import java.util.List;
import org.timecoin.consensus.Vote;
import org.timecoin.node.net.BlockTxsMessages.BlockTxs;
import org.timecoin.node.net.BlockTxsMessages.GetBlockTxs;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.SnapshotMessages.Chunk;
import org.timecoin.node.net.SnapshotMessages.EpochProofs;
import org.timecoin.node.net.SnapshotMessages.GetChunk;
import org.timecoin.node.net.SnapshotMessages.GetEpochProofs;
import org.timecoin.node.net.SnapshotMessages.GetManifest;
import org.timecoin.node.net.SnapshotMessages.GetSnapshots;
import org.timecoin.node.net.SnapshotMessages.Manifest;
import org.timecoin.node.net.SnapshotMessages.Snapshots;
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

  // Fast sync: answered on a lane of their own, within the snapshot serving budget. A chunk costs a
  // disk read of up to 4 MiB, so asking is rate-limited well below the other requests.
  public static final MessageType<GetSnapshots> GET_SNAPSHOTS =
      MessageType.direct(0x20, "get-snapshots", SnapshotMessages.GET_SNAPSHOTS)
          .withRateLimit(new RateLimit(2, 5));
  public static final MessageType<Snapshots> SNAPSHOTS =
      MessageType.direct(0x21, "snapshots", SnapshotMessages.SNAPSHOTS);
  public static final MessageType<GetManifest> GET_MANIFEST =
      MessageType.direct(0x22, "get-manifest", SnapshotMessages.GET_MANIFEST)
          .withRateLimit(new RateLimit(2, 5));
  public static final MessageType<Manifest> MANIFEST =
      MessageType.direct(0x23, "manifest", SnapshotMessages.MANIFEST);
  public static final MessageType<GetChunk> GET_CHUNK =
      MessageType.direct(0x24, "get-chunk", SnapshotMessages.GET_CHUNK)
          .withRateLimit(new RateLimit(20, 40));
  public static final MessageType<Chunk> CHUNK =
      MessageType.direct(0x25, "chunk", SnapshotMessages.CHUNK);
  public static final MessageType<GetEpochProofs> GET_EPOCH_PROOFS =
      MessageType.direct(0x26, "get-epoch-proofs", SnapshotMessages.GET_EPOCH_PROOFS)
          .withRateLimit(new RateLimit(10, 20));
  public static final MessageType<EpochProofs> EPOCH_PROOFS =
      MessageType.direct(0x27, "epoch-proofs", SnapshotMessages.EPOCH_PROOFS);

  /** Every type above, for a network that must accept them all (even to drop them). */
  public static List<MessageType<?>> all() {
    return List.of(
        PROPOSAL,
        VOTE,
        COMPACT_PROPOSAL,
        GET_BLOCK_TXS,
        BLOCK_TXS,
        TX_INV,
        GET_TXS,
        TXS,
        STATUS,
        GET_BLOCKS,
        BLOCKS,
        GET_STATE_ROOT,
        STATE_ROOT,
        GET_SNAPSHOTS,
        SNAPSHOTS,
        GET_MANIFEST,
        MANIFEST,
        GET_CHUNK,
        CHUNK,
        GET_EPOCH_PROOFS,
        EPOCH_PROOFS);
  }
}
