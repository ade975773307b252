package org.timecoin.node.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read-only questions about a running node, answered from its components. The RPC server and other
 * observers use only this (and {@link TransactionSubmitter}, {@link NodeControl}); they never reach
 * storage directly. Implementations may block briefly on storage reads, so callers run them off
 * network threads.
 */
public interface ChainQueries {
  ChainInfo chainInfo();

  /** The best finalized height alone: what clients poll, so it reads one field. */
  default long height() {
    return chainInfo().height();
  }

  /**
   * What the node is doing to reach the tip: the fast sync's phase ("headers", "snapshot_chunks
   * 12/200", ...) while it runs, then "blocks".
   */
  default String syncPhase() {
    return "blocks";
  }

  /** The height of the snapshot the store was fast-synced from; 0 if it replayed from genesis. */
  default long snapshotHeight() {
    return 0;
  }

  Optional<BlockView> blockByHeight(long height);

  /**
   * When this node stored the block at {@code height} (wall clock, ms since the epoch): known for
   * the latest blocks stored since its start, empty otherwise. Local, unlike the block itself.
   */
  default OptionalLong storedAtMillis(long height) {
    return OptionalLong.empty();
  }

  /** {@code hashHex} is 64 hex characters; an unknown hash gives empty. */
  Optional<BlockView> blockByHash(String hashHex);

  /** The block at {@code height} in its canonical encoding, hex; empty above the tip. */
  Optional<String> rawBlockByHeight(long height);

  /** The block with this hash (64 hex characters) in its canonical encoding, hex. */
  Optional<String> rawBlockByHash(String hashHex);

  List<PeerView> peers();

  ConsensusView consensus();

  MempoolView mempool();

  /** Txids (hex) of the transactions waiting, best fee rate first. */
  List<String> mempoolTxids();

  UtxoSetView utxoSet();

  AddressCheck validateAddress(String address);

  /** A finalized or waiting transaction by txid (64 hex characters). */
  Optional<TxLookup> transaction(String txidHex);

  /**
   * Unspent outputs paying {@code address}, at most {@code limit}, from a consistent snapshot.
   *
   * @throws IllegalArgumentException when the address does not parse for this network
   */
  List<UnspentOutput> unspent(String address, int limit);

  /** The validator set with whether each one is connected to this node. */
  List<ValidatorView> validators();

  /**
   * Completes with the transaction once it is in a finalized block, or with what is known of it
   * (waiting, or empty if unknown) after {@code timeout}. Never blocks the caller.
   */
  java.util.concurrent.CompletableFuture<Optional<TxLookup>> awaitFinality(
      String txidHex, java.time.Duration timeout);

  NetworkView networkInfo();

  /**
   * The chain spec others join this chain with (chain-spec.json text): the genesis, default ports
   * and seeds, this node among them when it listens on a specific address.
   */
  String chainSpec();

  /** Seconds since the node started. */
  long uptimeSeconds();
}
