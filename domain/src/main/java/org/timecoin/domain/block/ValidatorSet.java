package org.timecoin.domain.block;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;

/**
 * An immutable validator set, kept in ascending public-key order so every node iterates it the same
 * way whatever order it was given in. Keys are unique and the total power fits in a long.
 *
 * <p>Thresholds (Tendermint): with total power T, a quorum is power strictly greater than 2T/3 (any
 * two quorums share an honest validator when faulty power f < T/3); "f+1" is power strictly greater
 * than T/3 (at least one honest validator). Both are computed without overflow.
 */
public final class ValidatorSet {
  public static final int MAX_VALIDATORS = 10_000;

  /** u32 count ‖ validators in key order. */
  public static final Codec<ValidatorSet> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, ValidatorSet set) {
          out.list(set.validators, Validator.CODEC::write);
        }

        @Override
        public ValidatorSet read(ByteReader in) {
          List<Validator> list = in.list(MAX_VALIDATORS, Validator.CODEC::read);
          for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1).key().compareTo(list.get(i).key()) >= 0) {
              throw new CodecException("validators not in strictly ascending key order");
            }
          }
          try {
            return new ValidatorSet(list);
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
        }
      };

  private final List<Validator> validators;
  private final Map<PublicKey, Integer> indexByKey;
  private final long totalPower;
  private final long totalRewardWeight;
  private Hash32 hash; // racy single-check cache; Hash32 is safely publishable

  public ValidatorSet(List<Validator> validators) {
    List<Validator> sorted = new ArrayList<>(validators);
    sorted.sort(Comparator.comparing(Validator::key));
    Map<PublicKey, Integer> index = new HashMap<>();
    long power = 0;
    long weight = 0;
    for (int i = 0; i < sorted.size(); i++) {
      Validator v = sorted.get(i);
      if (index.put(v.key(), i) != null) {
        throw new IllegalArgumentException("validator " + v.key() + " listed twice");
      }
      try {
        power = Math.addExact(power, v.votingPower());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("total voting power overflows a long", e);
      }
      weight += v.tier().rewardWeight();
    }
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("a validator set needs at least one validator");
    }
    if (sorted.size() > MAX_VALIDATORS) {
      throw new IllegalArgumentException("more than " + MAX_VALIDATORS + " validators");
    }
    this.validators = List.copyOf(sorted);
    this.indexByKey = Map.copyOf(index);
    this.totalPower = power;
    this.totalRewardWeight = weight;
  }

  /** SHA-256 of {@link #CODEC}'s encoding: what a header's nextValidatorsHash commits to. */
  public Hash32 hash() {
    Hash32 h = hash;
    if (h == null) {
      h = Sha256.hash(CODEC.encode(this));
      hash = h;
    }
    return h;
  }

  /** Validators in ascending key order. */
  public List<Validator> validators() {
    return validators;
  }

  public int size() {
    return validators.size();
  }

  public long totalPower() {
    return totalPower;
  }

  /** Sum of the tier reward weights of all validators. */
  public long totalRewardWeight() {
    return totalRewardWeight;
  }

  public Optional<Validator> get(PublicKey key) {
    Integer i = indexByKey.get(key);
    return i == null ? Optional.empty() : Optional.of(validators.get(i));
  }

  /** Position of {@code key} in key order, or -1. */
  public int indexOf(PublicKey key) {
    Integer i = indexByKey.get(key);
    return i == null ? -1 : i;
  }

  public boolean contains(PublicKey key) {
    return indexByKey.containsKey(key);
  }

  /** Smallest power that is a quorum: floor(2T/3) + 1. */
  public long quorumPower() {
    return twoThirdsFloor() + 1;
  }

  /** Smallest power that is more than a third (f+1): floor(T/3) + 1. */
  public long oneThirdPlusPower() {
    return totalPower / 3 + 1;
  }

  /** True when {@code power} > 2/3 of the total. */
  public boolean hasQuorum(long power) {
    return power > twoThirdsFloor();
  }

  /** True when {@code power} > 1/3 of the total. */
  public boolean hasOneThirdPlus(long power) {
    return power > totalPower / 3;
  }

  // floor(2T/3) without computing 2T, which could overflow.
  private long twoThirdsFloor() {
    return (totalPower / 3) * 2 + (totalPower % 3) * 2 / 3;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidatorSet other && validators.equals(other.validators);
  }

  @Override
  public int hashCode() {
    return validators.hashCode();
  }

  @Override
  public String toString() {
    return "ValidatorSet[n=" + validators.size() + ", totalPower=" + totalPower + "]";
  }
}
