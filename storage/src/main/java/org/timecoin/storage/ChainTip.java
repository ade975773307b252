package org.timecoin.storage;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;

/** The last block applied: its height, its hash and the UTXO-set commitment after it. */
public record ChainTip(long height, Hash32 blockHash, Hash32 stateRoot) {
  public static final Codec<ChainTip> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, ChainTip t) {
          out.u64(t.height).hash(t.blockHash).hash(t.stateRoot);
        }

        @Override
        public ChainTip read(ByteReader in) {
          return new ChainTip(in.u64(), in.hash(), in.hash());
        }
      };

  public ChainTip {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(stateRoot, "stateRoot");
    if (height < 0) {
      throw new IllegalArgumentException("height must be >= 0");
    }
  }
}
