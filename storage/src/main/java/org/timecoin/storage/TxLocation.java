package org.timecoin.storage;

import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;

/** Where a transaction is: the height of its block and its position in the block. */
public record TxLocation(long height, int position) {
  public static final Codec<TxLocation> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, TxLocation l) {
          out.u64(l.height).i32(l.position);
        }

        @Override
        public TxLocation read(ByteReader in) {
          return new TxLocation(in.u64(), in.i32());
        }
      };
}
