package org.timecoin.consensus.runtime;

import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;

/**
 * What the effect executor needs to know of the blocks it carries: the hash consensus agrees on,
 * the height the block was built for and its size (candidate shares are counted in bytes). The
 * node's blocks are {@link #CHAIN}; a simulation carries blocks of its own.
 *
 * @param <B> the block type
 */
public interface BlockKind<B> {
  Hash32 hash(B block);

  long height(B block);

  int encodedSize(B block);

  /** The chain's blocks. */
  BlockKind<Block> CHAIN =
      new BlockKind<>() {
        @Override
        public Hash32 hash(Block block) {
          return block.hash();
        }

        @Override
        public long height(Block block) {
          return block.height();
        }

        @Override
        public int encodedSize(Block block) {
          return block.encodedSize();
        }
      };
}
