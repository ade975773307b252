package org.timecoin.node.net;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/**
 * A list of txids: an announcement of admitted transactions (TX_INV), or a request for the ones not
 * yet known (GET_TXS).
 */
public record TxIds(List<Hash32> ids) {
  /** Most ids in one message, as many as a transaction batch holds. */
  public static final int MAX_IDS = TxBatch.MAX_TXS;

  public TxIds {
    ids = List.copyOf(ids);
    if (ids.isEmpty() || ids.size() > MAX_IDS) {
      throw new IllegalArgumentException("a txid list holds 1.." + MAX_IDS + ", not " + ids.size());
    }
  }

  public static final Codec<TxIds> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, TxIds t) {
          out.list(t.ids(), ByteWriter::hash);
        }

        @Override
        public TxIds read(ByteReader in) {
          List<Hash32> ids = in.list(MAX_IDS, ByteReader::hash);
          if (ids.isEmpty()) {
            throw new CodecException("empty txid list");
          }
          return new TxIds(ids);
        }
      };
}
