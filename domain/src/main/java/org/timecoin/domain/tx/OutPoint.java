package org.timecoin.domain.tx;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/** A reference to output {@code index} of transaction {@code txid}. Encoded as txid ‖ u32 index. */
public record OutPoint(Hash32 txid, int index) implements Comparable<OutPoint> {
  public static final int ENCODED_SIZE = Hash32.SIZE + 4;

  public static final Codec<OutPoint> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, OutPoint value) {
          out.hash(value.txid).i32(value.index);
        }

        @Override
        public OutPoint read(ByteReader in) {
          Hash32 txid = in.hash();
          int index = in.i32();
          if (index < 0) {
            throw new CodecException("output index " + (index & 0xFFFFFFFFL) + " out of range");
          }
          return new OutPoint(txid, index);
        }
      };

  public OutPoint {
    Objects.requireNonNull(txid, "txid");
    if (index < 0) {
      throw new IllegalArgumentException("output index must be >= 0, got " + index);
    }
  }

  /** Orders by txid bytes, then index: the key order of a store keyed by the encoding. */
  @Override
  public int compareTo(OutPoint o) {
    int c = txid.compareTo(o.txid);
    return c != 0 ? c : Integer.compare(index, o.index);
  }

  @Override
  public String toString() {
    return txid.toHex() + ":" + index;
  }
}
