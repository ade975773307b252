package org.timecoin.storage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.storage.kv.Column;
import org.timecoin.storage.kv.KeyCodecs;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvStore;

/**
 * Finalized blocks and their commit certificates, by height and by hash, and the transaction index.
 *
 * <p>Threading: every call reads the disk; never call it from a network event loop. Only {@link
 * ChainStore} writes, from its single writer thread.
 */
public final class BlockStore {
  static final Column<Long, Block> BLOCKS =
      new Column<>(ChainSchema.BLOCKS, KeyCodecs.HEIGHT, Block.CODEC);
  static final Column<Long, CommitCertificate> CERTIFICATES =
      new Column<>(ChainSchema.CERTIFICATES, KeyCodecs.HEIGHT, CommitCertificate.CODEC);
  static final Column<Hash32, Long> HEIGHTS =
      new Column<>(ChainSchema.BLOCK_HEIGHTS, KeyCodecs.HASH, KeyCodecs.HEIGHT);
  static final Column<Hash32, TxLocation> TX_INDEX =
      new Column<>(ChainSchema.TX_INDEX, KeyCodecs.HASH, TxLocation.CODEC);

  private final KvStore kv;
  private final LongAdder blocksRead = new LongAdder();
  // The lowest height stored: above 0 in a store started from a snapshot.
  private volatile long baseHeight;

  BlockStore(KvStore kv) {
    this.kv = kv;
  }

  /** The lowest height this store holds blocks from: 0, or the height of the snapshot imported. */
  public long baseHeight() {
    return baseHeight;
  }

  void setBaseHeight(long height) {
    baseHeight = height;
  }

  public Optional<Block> blockAt(long height) {
    if (height < baseHeight) {
      return Optional.empty();
    }
    blocksRead.increment();
    return kv.get(BLOCKS, height);
  }

  /**
   * Blocks read and decoded by {@link #blockAt} (and what calls it) so far: the costly read that
   * paths an attacker can drive, such as transaction admission, must never take.
   */
  public long blocksRead() {
    return blocksRead.sum();
  }

  public Optional<Block> block(Hash32 hash) {
    return heightOf(hash).flatMap(this::blockAt);
  }

  public Optional<CommitCertificate> certificateAt(long height) {
    if (height < baseHeight) {
      return Optional.empty();
    }
    return kv.get(CERTIFICATES, height);
  }

  public Optional<CommitCertificate> certificate(Hash32 blockHash) {
    return heightOf(blockHash).flatMap(this::certificateAt);
  }

  public Optional<Long> heightOf(Hash32 blockHash) {
    return kv.get(HEIGHTS, blockHash);
  }

  public Optional<TxLocation> txLocation(Hash32 txid) {
    return kv.get(TX_INDEX, txid);
  }

  /** The transaction with this txid, read from its block. */
  public Optional<Transaction> transaction(Hash32 txid) {
    return txLocation(txid)
        .flatMap(loc -> blockAt(loc.height()).map(b -> b.txs().get(loc.position())));
  }

  /**
   * Blocks with heights in [from, to) in height order, read lazily from a consistent view (for
   * block sync and export). Close the stream.
   */
  public Stream<Block> blocks(long from, long to) {
    KvCursor cursor =
        kv.scan(ChainSchema.BLOCKS, KeyRange.between(KeyCodecs.height(from), KeyCodecs.height(to)));
    return cursor.stream(e -> Block.CODEC.decode(e.value()));
  }

  /** Adds the block, its certificate (absent only for genesis), hash index and tx index. */
  void stage(KvBatch batch, Block block, CommitCertificate certificate) {
    long height = block.height();
    batch.put(BLOCKS, height, block);
    if (certificate != null) {
      batch.put(CERTIFICATES, height, certificate);
    }
    batch.put(HEIGHTS, block.hash(), height);
    List<Transaction> txs = block.txs();
    for (int i = 0; i < txs.size(); i++) {
      batch.put(TX_INDEX, txs.get(i).txid(), new TxLocation(height, i));
    }
  }
}
