package org.timecoin.domain.tx;

import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/** Pays {@code amount} units to {@code address}. Encoded as u64 amount ‖ payload(20). */
public record TxOut(long amount, Address address) {
  public static final int ENCODED_SIZE = 8 + Address.SIZE;

  public static final Codec<TxOut> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, TxOut value) {
          out.u64(value.amount);
          Address.CODEC.write(out, value.address);
        }

        @Override
        public TxOut read(ByteReader in) {
          long amount = in.u64();
          if (amount < 0) {
            throw new CodecException("amount " + Long.toUnsignedString(amount) + " out of range");
          }
          return new TxOut(amount, Address.CODEC.read(in));
        }
      };

  public TxOut {
    Objects.requireNonNull(address, "address");
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0, got " + amount);
    }
  }
}
