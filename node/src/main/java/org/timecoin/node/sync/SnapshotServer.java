package org.timecoin.node.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.node.chain.LocalChain;
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
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.storage.snapshot.SnapshotFormat;
import org.timecoin.storage.snapshot.SnapshotKeeper;

/**
 * Serves fast sync: the snapshots this node keeps (their list, manifests and chunks) and epoch
 * proofs (certified headers with the set they name as next). Every answer is charged to the asking
 * peer's byte budget; a request over budget is dropped. Runs on a lane of its own (it reads the
 * disk), never the consensus lane.
 */
public final class SnapshotServer {
  /** Block bytes read for one epoch-proof answer at most (it stops after the block past it). */
  static final long MAX_PROOF_READ_BYTES = 16L << 20;

  /** Chunks a fresh balance pays for. */
  static final int BURST_CHUNKS = 4;

  private final LocalChain chain;
  private final SnapshotKeeper keeper;
  private final PeerNetwork network;
  private final ServingBudget budget;
  private final int maxAnswerBytes;
  private final BlockSync sync;

  /**
   * @param maxAnswerBytes largest epoch-proof answer built (half a frame leaves room for framing)
   */
  public SnapshotServer(
      BlockSync sync,
      SnapshotKeeper keeper,
      PeerNetwork network,
      long bytesPerSecond,
      int maxAnswerBytes,
      Clock clock) {
    this.sync = sync;
    this.chain = sync.chain();
    this.keeper = keeper;
    this.network = network;
    // A fetching node keeps four chunks in flight per peer: a fresh balance serves them all, so an
    // honest fetcher is never dropped (and left to wait for its deadline) unless it outpaces the
    // rate. Balances are remembered for ten minutes across reconnections.
    this.budget =
        new ServingBudget(
            bytesPerSecond,
            Math.max(bytesPerSecond, BURST_CHUNKS * (long) SnapshotFormat.MAX_CHUNK_BYTES),
            600_000_000_000L,
            clock);
    this.maxAnswerBytes = maxAnswerBytes;
  }

  /** Registers the handlers on {@code lane}; call before the network starts. */
  public void register(Executor lane) {
    // A storage error while serving is ours: it stops the node instead of reaching the peer.
    network.register(
        NodeMessages.GET_SNAPSHOTS,
        (from, m) ->
            StorageFaults.guarded(sync, "listing snapshots", () -> onGetSnapshots(from, m)),
        lane);
    network.register(
        NodeMessages.GET_MANIFEST,
        (from, m) ->
            StorageFaults.guarded(sync, "serving a manifest", () -> onGetManifest(from, m)),
        lane);
    network.register(
        NodeMessages.GET_CHUNK,
        (from, m) -> StorageFaults.guarded(sync, "serving a chunk", () -> onGetChunk(from, m)),
        lane);
    network.register(
        NodeMessages.GET_EPOCH_PROOFS,
        (from, m) ->
            StorageFaults.guarded(sync, "serving epoch proofs", () -> onGetEpochProofs(from, m)),
        lane);
    // Answers arrive only at a node that is fast-syncing, which has its own network; a peer
    // sending them here unasked is ignored (registered so they are not a protocol violation).
    network.register(NodeMessages.SNAPSHOTS, (from, m) -> {}, lane);
    network.register(NodeMessages.MANIFEST, (from, m) -> {}, lane);
    network.register(NodeMessages.CHUNK, (from, m) -> {}, lane);
    network.register(NodeMessages.EPOCH_PROOFS, (from, m) -> {}, lane);
  }

  /** Requests dropped over budget since start. */
  public long dropped() {
    return budget.dropped();
  }

  void onGetSnapshots(PublicKey from, GetSnapshots req) {
    if (!admitted(from)) {
      return;
    }
    List<Offer> offers = new ArrayList<>();
    for (long height : keeper.heights()) {
      if (offers.size() == SnapshotMessages.MAX_OFFERS) {
        break;
      }
      keeper
          .manifest(height)
          .ifPresent(
              m ->
                  offers.add(
                      new Offer(
                          m.height(), m.blockHash(), m.stateRoot(), m.id(), m.chunks().size())));
    }
    budget.charge(from, 64L + 112L * offers.size());
    network.send(from, NodeMessages.SNAPSHOTS, new Snapshots(offers));
  }

  void onGetManifest(PublicKey from, GetManifest req) {
    if (!admitted(from)) {
      return;
    }
    byte[] bytes = keeper.manifestBytes(req.height()).orElse(new byte[0]);
    budget.charge(from, Math.max(64, bytes.length));
    network.send(from, NodeMessages.MANIFEST, new Manifest(req.height(), bytes));
  }

  void onGetChunk(PublicKey from, GetChunk req) {
    if (!admitted(from)) {
      return;
    }
    // Empty when the snapshot or the chunk is not kept: the keeper checks both before reading.
    byte[] bytes = keeper.chunk(req.height(), req.index()).orElse(new byte[0]);
    budget.charge(from, Math.max(64, bytes.length));
    network.send(from, NodeMessages.CHUNK, new Chunk(req.height(), req.index(), bytes));
  }

  void onGetEpochProofs(PublicKey from, GetEpochProofs req) {
    if (!admitted(from)) {
      return;
    }
    long tip = chain.height();
    long epochBlocks = chain.genesis().params().epochBlocks();
    List<EpochProof> proofs = new ArrayList<>();
    long bytes = 0;
    long read = 0; // whole blocks are read for their headers: the disk work is charged too
    for (long height : req.heights()) {
      if (height < 1 || height > tip || read > MAX_PROOF_READ_BYTES) {
        break;
      }
      Optional<Block> block = chain.store().blocks().blockAt(height);
      Optional<CommitCertificate> cert = chain.store().blocks().certificateAt(height);
      Optional<ValidatorSet> next =
          chain.store().registry().validatorSet(Epochs.epochOf(height, epochBlocks) + 1);
      if (block.isEmpty() || cert.isEmpty() || next.isEmpty()) {
        break; // below a fast-synced store's base: not kept here
      }
      read += block.get().encodedSize();
      BlockHeader header = block.get().header();
      EpochProof proof = new EpochProof(header, cert.get(), next.get());
      long size = EpochProof.CODEC.encode(proof).length;
      if (!proofs.isEmpty() && bytes + size > maxAnswerBytes) {
        break;
      }
      bytes += size;
      proofs.add(proof);
    }
    budget.charge(from, Math.max(64, bytes + read));
    network.send(from, NodeMessages.EPOCH_PROOFS, new EpochProofs(proofs));
  }

  private boolean admitted(PublicKey from) {
    return switch (budget.admit(from)) {
      case SERVE -> true;
      case DROP -> false;
      case DROP_AND_PENALIZE -> {
        network.penalize(
            from, BlockServer.OVER_BUDGET_PENALTY, "asked for snapshots far beyond its budget");
        yield false;
      }
    };
  }
}
