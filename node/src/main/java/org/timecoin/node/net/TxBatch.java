package org.timecoin.node.net;

import java.util.List;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.tx.Transaction;

/** Transactions gossiped together in one frame. */
public record TxBatch(List<Transaction> txs) {
  /** Most transactions in one message; a longer list is refused before its elements are read. */
  public static final int MAX_TXS = 2048;

  public TxBatch {
    txs = List.copyOf(txs);
    if (txs.isEmpty() || txs.size() > MAX_TXS) {
      throw new IllegalArgumentException(
          "a transaction batch holds 1.." + MAX_TXS + " transactions, not " + txs.size());
    }
  }

  public static final Codec<TxBatch> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, TxBatch b) {
          out.list(b.txs(), Transaction.CODEC::write);
        }

        @Override
        public int sizeHint(TxBatch b) {
          int size = 4; // the list's length
          for (Transaction tx : b.txs()) {
            size += tx.encodedSize();
          }
          return size; // a batch is up to 1 MiB: sized once, not doubled
        }

        @Override
        public TxBatch read(ByteReader in) {
          List<Transaction> txs = in.list(MAX_TXS, Transaction.CODEC::read);
          if (txs.isEmpty()) {
            throw new org.timecoin.common.codec.CodecException("empty transaction batch");
          }
          return new TxBatch(txs);
        }
      };
}
