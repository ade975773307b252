package org.timecoin.storage.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Computes the LtHash16 change of a block, {@code sum(adds) - sum(removes)}, split over a pool.
 * LtHash is additive, so each task sums a slice of the elements and the slices are added together;
 * the calling thread computes one slice itself rather than wait idle.
 */
public final class ParallelLtHasher {
  /** Below this many elements a task costs more than it saves. */
  static final int MIN_SLICE = 128;

  private final Executor pool;
  private final int parallelism;

  /**
   * @param pool runs the slices other than the caller's
   * @param parallelism how many slices at most (usually the pool's thread count plus one)
   */
  public ParallelLtHasher(Executor pool, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1");
    }
    this.pool = pool;
    this.parallelism = parallelism;
  }

  /** The hash change for adding {@code adds} and removing {@code removes} (canonical bytes). */
  public LtHash16 delta(List<byte[]> adds, List<byte[]> removes) {
    return delta(adds, removes, Function.identity());
  }

  /**
   * The hash change for adding {@code adds} and removing {@code removes}, each element hashed as
   * {@code encode(element)}; the encoding runs in the slices too. The caller computes one slice.
   */
  public <T> LtHash16 delta(List<T> adds, List<T> removes, Function<T, byte[]> encode) {
    int slices = sliceCount(adds.size() + removes.size(), parallelism);
    List<CompletableFuture<LtHash16>> others = new ArrayList<>(slices - 1);
    for (int s = 1; s < slices; s++) {
      int slice = s;
      others.add(
          CompletableFuture.supplyAsync(() -> slice(adds, removes, encode, slice, slices), pool));
    }
    LtHash16 sum = slice(adds, removes, encode, 0, slices);
    for (CompletableFuture<LtHash16> f : others) {
      sum.add(join(f));
    }
    return sum;
  }

  /**
   * Like {@link #delta(List, List, Function)} but every slice runs on the pool, so the caller can
   * do other work (build the write batch) meanwhile.
   */
  public <T> CompletableFuture<LtHash16> deltaAsync(
      List<T> adds, List<T> removes, Function<T, byte[]> encode) {
    int slices = sliceCount(adds.size() + removes.size(), parallelism);
    CompletableFuture<LtHash16> sum =
        CompletableFuture.supplyAsync(() -> slice(adds, removes, encode, 0, slices), pool);
    for (int s = 1; s < slices; s++) {
      int slice = s;
      sum =
          sum.thenCombine(
              CompletableFuture.supplyAsync(
                  () -> slice(adds, removes, encode, slice, slices), pool),
              LtHash16::add);
    }
    return sum;
  }

  /** Waits for a slice and rethrows its failure as it was thrown. */
  public static LtHash16 join(CompletableFuture<LtHash16> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  private static int sliceCount(int total, int parallelism) {
    return Math.max(1, Math.min(parallelism, total / MIN_SLICE));
  }

  /** Slice {@code s} of {@code n} of the concatenation adds ‖ removes. */
  private static <T> LtHash16 slice(
      List<T> adds, List<T> removes, Function<T, byte[]> encode, int s, int n) {
    int total = adds.size() + removes.size();
    int start = (int) ((long) total * s / n);
    int end = (int) ((long) total * (s + 1) / n);
    LtHash16 h = LtHash16.empty();
    for (int i = start; i < end; i++) {
      if (i < adds.size()) {
        h.add(encode.apply(adds.get(i)));
      } else {
        h.remove(encode.apply(removes.get(i - adds.size())));
      }
    }
    return h;
  }
}
