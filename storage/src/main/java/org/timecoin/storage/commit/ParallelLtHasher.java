package org.timecoin.storage.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

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
    int total = adds.size() + removes.size();
    int slices = Math.max(1, Math.min(parallelism, total / MIN_SLICE));
    List<CompletableFuture<LtHash16>> others = new ArrayList<>(slices - 1);
    for (int s = 1; s < slices; s++) {
      int slice = s;
      others.add(
          CompletableFuture.supplyAsync(() -> slice(adds, removes, slice, slices, total), pool));
    }
    LtHash16 sum = slice(adds, removes, 0, slices, total);
    for (CompletableFuture<LtHash16> f : others) {
      try {
        sum.add(f.join());
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : e;
      }
    }
    return sum;
  }

  /**
   * Elements [start, end) of the concatenation adds ‖ removes, for slice {@code s} of {@code n}.
   */
  private static LtHash16 slice(List<byte[]> adds, List<byte[]> removes, int s, int n, int total) {
    int start = (int) ((long) total * s / n);
    int end = (int) ((long) total * (s + 1) / n);
    LtHash16 h = LtHash16.empty();
    for (int i = start; i < end; i++) {
      if (i < adds.size()) {
        h.add(adds.get(i));
      } else {
        h.remove(removes.get(i - adds.size()));
      }
    }
    return h;
  }
}
