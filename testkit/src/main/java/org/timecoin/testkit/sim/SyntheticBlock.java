package org.timecoin.testkit.sim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.runtime.BlockKind;

/**
 * The value agreed on in a simulation: a stand-in for a block, identified by its hash. Whether it
 * is valid is decided by whoever built it (an invalid-block proposer builds invalid ones); a
 * validator accepts it only if it is flagged valid and built for the height being decided.
 *
 * @param variant tells apart two blocks built by one proposer for one round (equivocation)
 */
public record SyntheticBlock(
    Hash32 hash, long height, int round, int proposer, int variant, boolean valid) {
  /** Bytes a synthetic block counts for in a proposer's share of candidate blocks. */
  public static final int ENCODED_SIZE = 64;

  /** How the consensus loop reads synthetic blocks. */
  public static final BlockKind<SyntheticBlock> KIND =
      new BlockKind<>() {
        @Override
        public Hash32 hash(SyntheticBlock block) {
          return block.hash();
        }

        @Override
        public long height(SyntheticBlock block) {
          return block.height();
        }

        @Override
        public int encodedSize(SyntheticBlock block) {
          return ENCODED_SIZE;
        }
      };

  public static SyntheticBlock build(
      long height, int round, int proposer, int variant, boolean valid) {
    ByteBuffer b = ByteBuffer.allocate(9 + 8 + 4 + 4 + 4 + 1);
    b.put("sim-block".getBytes(StandardCharsets.US_ASCII));
    b.putLong(height).putInt(round).putInt(proposer).putInt(variant).put((byte) (valid ? 1 : 0));
    return new SyntheticBlock(Sha256.hash(b.array()), height, round, proposer, variant, valid);
  }

  /** {@code valid(v)} of the algorithm, as an honest validator at {@code height} evaluates it. */
  public boolean validAt(long atHeight) {
    return valid && height == atHeight;
  }
}
