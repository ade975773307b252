package org.timecoin.domain.tx;

import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/**
 * An unspent output: where it is, what it pays, the height of the block that created it and whether
 * a coinbase created it. Encoded as outpoint ‖ txout ‖ u64 height ‖ bool coinbase.
 */
public record Utxo(OutPoint outPoint, TxOut out, long height, boolean coinbase) {
  public static final int ENCODED_SIZE = OutPoint.ENCODED_SIZE + TxOut.ENCODED_SIZE + 8 + 1;

  public static final Codec<Utxo> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter w, Utxo u) {
          OutPoint.CODEC.write(w, u.outPoint);
          TxOut.CODEC.write(w, u.out);
          w.u64(u.height).bool(u.coinbase);
        }

        @Override
        public Utxo read(ByteReader in) {
          OutPoint outPoint = OutPoint.CODEC.read(in);
          TxOut out = TxOut.CODEC.read(in);
          long height = in.u64();
          if (height < 0) {
            throw new CodecException("height " + Long.toUnsignedString(height) + " out of range");
          }
          return new Utxo(outPoint, out, height, in.bool());
        }
      };

  public Utxo {
    Objects.requireNonNull(outPoint, "outPoint");
    Objects.requireNonNull(out, "out");
    if (height < 0) {
      throw new IllegalArgumentException("height must be >= 0, got " + height);
    }
  }

  public long amount() {
    return out.amount();
  }

  public Address address() {
    return out.address();
  }
}
