package org.timecoin.domain.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.tx.Transaction;

/**
 * A header, the parent's commit certificate ({@link LastCommit}) and the transactions; the first
 * transaction is the coinbase. Encoded as header ‖ lastCommit ‖ u32 n ‖ txs.
 */
public record Block(BlockHeader header, LastCommit lastCommit, List<Transaction> txs) {
  /** Decoding bound on the transaction count; consensus limits are stricter (max_block_size). */
  public static final int MAX_TXS = 1_000_000;

  public static final Codec<Block> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Block b) {
          BlockHeader.CODEC.write(out, b.header);
          LastCommit.CODEC.write(out, b.lastCommit);
          out.list(b.txs, Transaction.CODEC::write);
        }

        @Override
        public Block read(ByteReader in) {
          BlockHeader header = BlockHeader.CODEC.read(in);
          LastCommit lastCommit = LastCommit.CODEC.read(in);
          return new Block(header, lastCommit, in.list(MAX_TXS, Transaction.CODEC::read));
        }

        @Override
        public int sizeHint(Block b) {
          return b.encodedSize();
        }
      };

  public Block {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(lastCommit, "lastCommit");
    txs = List.copyOf(txs);
  }

  public Hash32 hash() {
    return header.hash();
  }

  public long height() {
    return header.height();
  }

  /** Size of the canonical encoding, computed without encoding. */
  public int encodedSize() {
    long size = BlockHeader.ENCODED_SIZE + (long) lastCommit.encodedSize() + 4L;
    for (Transaction tx : txs) {
      size += tx.encodedSize();
    }
    return (int) Math.min(size, Integer.MAX_VALUE);
  }

  /** The txids in block order (each cached in its transaction). */
  public List<Hash32> txids() {
    List<Hash32> ids = new ArrayList<>(txs.size());
    for (Transaction tx : txs) {
      ids.add(tx.txid());
    }
    return ids;
  }

  /** The Merkle root of this block's txids. */
  public Hash32 computeTxRoot() {
    return MerkleRoot.of(txids());
  }
}
