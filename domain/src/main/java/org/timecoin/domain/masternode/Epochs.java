package org.timecoin.domain.masternode;

import org.timecoin.domain.block.ValidatorSet;

/**
 * Epoch arithmetic. With E blocks per epoch, height h ≥ 1 lies in epoch (h − 1) / E: epoch k holds
 * heights k·E + 1 … (k + 1)·E. Epochs 0 and 1 are run by the genesis set. For k ≥ 1, the set of
 * epoch k + 1 is computed once, right after block k·E (the last of epoch k − 1) is applied, so
 * every set is known a full epoch before it votes and every header can commit to the next epoch's
 * set.
 */
public final class Epochs {
  /** Epochs whose set is the genesis set. */
  public static final long GENESIS_EPOCHS = 2;

  private Epochs() {}

  /** The epoch of height {@code height} (≥ 1). */
  public static long epochOf(long height, long epochBlocks) {
    requireHeight(height);
    requireEpochBlocks(epochBlocks);
    return (height - 1) / epochBlocks;
  }

  /** True when {@code height} is the last block of its epoch. */
  public static boolean isLastOfEpoch(long height, long epochBlocks) {
    requireHeight(height);
    requireEpochBlocks(epochBlocks);
    return height % epochBlocks == 0;
  }

  /** First height of {@code epoch}. */
  public static long firstHeight(long epoch, long epochBlocks) {
    requireEpochBlocks(epochBlocks);
    return Math.addExact(Math.multiplyExact(epoch, epochBlocks), 1);
  }

  /**
   * The epoch whose set is computed right after block {@code height} is applied: k + 1 when the
   * height is k·E (k ≥ 1, as heights start at 1), else -1.
   */
  public static long epochComputedAfter(long height, long epochBlocks) {
    return isLastOfEpoch(height, epochBlocks) ? height / epochBlocks + 1 : -1;
  }

  /**
   * The set that votes in {@code epoch}, as stored in {@code registry}. A missing set means the
   * local registry is damaged (every set is stored before its epoch starts): IllegalStateException.
   */
  public static ValidatorSet setOf(RegistryView registry, long epoch) {
    return registry
        .validatorSet(epoch)
        .orElseThrow(() -> new IllegalStateException("no validator set stored for epoch " + epoch));
  }

  private static void requireHeight(long height) {
    if (height < 1) {
      throw new IllegalArgumentException("block height must be >= 1, got " + height);
    }
  }

  private static void requireEpochBlocks(long epochBlocks) {
    if (epochBlocks < 1) {
      throw new IllegalArgumentException("epoch length must be >= 1 block, got " + epochBlocks);
    }
  }
}
