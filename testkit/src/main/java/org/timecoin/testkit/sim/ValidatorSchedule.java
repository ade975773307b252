package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Which validators (by key index) vote at each height: one set per epoch of {@code epochBlocks}
 * heights, {@code epochOf(h) = (h − 1) / epochBlocks}, changing only at epoch boundaries; the last
 * set listed lasts for ever. Epochs 0 and 1 share the genesis set, as on chain (the first set
 * computed from registrations is that of epoch 2).
 */
public final class ValidatorSchedule {
  private final int epochBlocks;
  private final List<List<Integer>> members;

  /**
   * @param members the validator indexes of epochs 0, 1, 2, ... (each non-empty)
   */
  public ValidatorSchedule(int epochBlocks, List<List<Integer>> members) {
    if (epochBlocks < 1 || members.isEmpty()) {
      throw new IllegalArgumentException("need an epoch length >= 1 and at least one set");
    }
    for (List<Integer> set : members) {
      if (set.isEmpty() || new TreeSet<>(set).size() != set.size()) {
        throw new IllegalArgumentException("each set needs distinct members: " + set);
      }
    }
    this.epochBlocks = epochBlocks;
    this.members = members.stream().map(m -> List.copyOf(new TreeSet<>(m))).toList();
  }

  /** Validators 0..n−1 at every height. */
  public static ValidatorSchedule fixed(int validators) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      all.add(i);
    }
    return new ValidatorSchedule(Integer.MAX_VALUE, List.of(all));
  }

  /**
   * {@code epochs} epochs over a pool of {@code genesis + extra} keys: validators 0..genesis−1
   * first; at each boundary from epoch 2 on, one or two members leave and one or two others join
   * (the set keeps between {@code genesis − 1} and {@code genesis + 1} members, at least 1).
   */
  public static ValidatorSchedule changing(
      int genesis, int extra, int epochBlocks, int epochs, SplittableRandom random) {
    List<List<Integer>> sets = new ArrayList<>();
    TreeSet<Integer> current = new TreeSet<>();
    for (int i = 0; i < genesis; i++) {
      current.add(i);
    }
    sets.add(List.copyOf(current));
    sets.add(List.copyOf(current));
    int pool = genesis + extra;
    int min = Math.max(1, genesis - 1);
    for (int e = 2; e < epochs; e++) {
      TreeSet<Integer> next = new TreeSet<>(current);
      for (int k = 1 + random.nextInt(2); k > 0 && next.size() > min; k--) {
        next.remove(pick(next, random));
      }
      TreeSet<Integer> outside = new TreeSet<>();
      for (int i = 0; i < pool; i++) {
        if (!next.contains(i) && !current.contains(i)) {
          outside.add(i);
        }
      }
      for (int k = 1 + random.nextInt(2); k > 0 && !outside.isEmpty(); k--) {
        if (next.size() < genesis + 1) {
          int joiner = pick(outside, random);
          outside.remove(joiner);
          next.add(joiner);
        }
      }
      if (next.size() < min) {
        next.addAll(current.headSet(current.first(), true)); // never empty
      }
      sets.add(List.copyOf(next));
      current = next;
    }
    return new ValidatorSchedule(epochBlocks, sets);
  }

  private static int pick(TreeSet<Integer> from, SplittableRandom random) {
    return new ArrayList<>(from).get(random.nextInt(from.size()));
  }

  public int epochBlocks() {
    return epochBlocks;
  }

  public long epochOf(long height) {
    return height < 1 ? 0 : (height - 1) / epochBlocks;
  }

  /** The validator indexes voting at {@code height}, ascending. */
  public List<Integer> membersAt(long height) {
    return membersOfEpoch(epochOf(height));
  }

  public List<Integer> membersOfEpoch(long epoch) {
    return members.get((int) Math.min(epoch, members.size() - 1));
  }

  /** The sets of epochs 0, 1, 2, ... as listed (the last one lasts for ever). */
  public List<List<Integer>> epochs() {
    return members;
  }

  /** The number of keys any set uses: the highest index + 1. */
  public int keyCount() {
    return members.stream().flatMap(List::stream).mapToInt(i -> i + 1).max().orElse(0);
  }

  /** Whether the set changes at some boundary. */
  public boolean changes() {
    return members.stream().distinct().count() > 1;
  }

  /** The first epoch whose set holds {@code validator}, or -1. */
  public long firstEpochOf(int validator) {
    for (int e = 0; e < members.size(); e++) {
      if (members.get(e).contains(validator)) {
        return e;
      }
    }
    return -1;
  }

  /**
   * The last epoch whose set holds {@code validator} (Long.MAX_VALUE if it never leaves), or -1.
   */
  public long lastEpochOf(int validator) {
    if (members.getLast().contains(validator)) {
      return Long.MAX_VALUE;
    }
    for (int e = members.size() - 1; e >= 0; e--) {
      if (members.get(e).contains(validator)) {
        return e;
      }
    }
    return -1;
  }
}
