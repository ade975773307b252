package org.timecoin.node.net;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Transaction;

/** The fetch of the transactions a compact proposal's receiver could not find in its mempool. */
public final class BlockTxsMessages {
  private BlockTxsMessages() {}

  /** Asks the sender of a compact proposal for the block's transactions at {@code indexes}. */
  public record GetBlockTxs(Hash32 blockHash, int[] indexes) {
    public GetBlockTxs {
      if (indexes.length == 0) {
        throw new IllegalArgumentException("a request for no transactions");
      }
      for (int i = 1; i < indexes.length; i++) {
        if (indexes[i] <= indexes[i - 1]) {
          throw new IllegalArgumentException("transaction indexes not strictly ascending");
        }
      }
      if (indexes[0] < 0) {
        throw new IllegalArgumentException("negative transaction index");
      }
    }
  }

  /** The transactions asked for, in the order of the request's indexes. */
  public record BlockTxs(Hash32 blockHash, List<Transaction> txs) {
    public BlockTxs {
      txs = List.copyOf(txs);
    }
  }

  /** hash ‖ u32 n ‖ n × u32 index (ascending). */
  public static final Codec<GetBlockTxs> GET_BLOCK_TXS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetBlockTxs g) {
          out.hash(g.blockHash()).u32(g.indexes().length);
          for (int i : g.indexes()) {
            out.u32(i);
          }
        }

        @Override
        public GetBlockTxs read(ByteReader in) {
          Hash32 hash = in.hash();
          long n = in.u32();
          if (n > in.remaining() / 4 || n > Block.MAX_TXS) {
            throw new CodecException(n + " indexes cannot fit in " + in.remaining() + " bytes");
          }
          int[] indexes = new int[(int) n];
          for (int i = 0; i < indexes.length; i++) {
            long v = in.u32();
            if (v >= Block.MAX_TXS) {
              throw new CodecException("transaction index " + v + " beyond " + Block.MAX_TXS);
            }
            indexes[i] = (int) v;
          }
          try {
            return new GetBlockTxs(hash, indexes);
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
        }
      };

  /** hash ‖ u32 n ‖ n × tx. */
  public static final Codec<BlockTxs> BLOCK_TXS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, BlockTxs b) {
          out.hash(b.blockHash()).list(b.txs(), Transaction.CODEC::write);
        }

        @Override
        public int sizeHint(BlockTxs b) {
          int size = 32 + 4;
          for (Transaction tx : b.txs()) {
            size += tx.encodedSize();
          }
          return size;
        }

        @Override
        public BlockTxs read(ByteReader in) {
          return new BlockTxs(in.hash(), in.list(Block.MAX_TXS, Transaction.CODEC::read));
        }
      };
}
