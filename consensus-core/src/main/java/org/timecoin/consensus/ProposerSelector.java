package org.timecoin.consensus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * {@code proposer(h, r)} of Algorithm 1: a deterministic function of (validator set, height,
 * round), weighted by voting power.
 *
 * <p>Round 0 draws a validator with probability power/total from a seed {@code SHA-256(tag ‖ height
 * ‖ round)}. Every later round draws the same way among all validators except the proposer of the
 * previous round, so consecutive rounds always have different proposers when there are two or more
 * validators. The proposers of a height are computed round by round and remembered, so asking for
 * round r costs O(r · n) once per height. Every node computes the same sequence. Since the cost
 * grows with the round, callers bound a round a peer names before asking: the node's message gate
 * by its round window, the core by {@link ConsensusParams#maxRoundsAhead()}.
 */
public final class ProposerSelector {
  private static final byte[] TAG = "timecoin/proposer/v1".getBytes(StandardCharsets.US_ASCII);

  private final ValidatorSet validators;
  private final long height;
  private final List<Integer> chosen = new ArrayList<>();

  public ProposerSelector(ValidatorSet validators, long height) {
    this.validators = validators;
    this.height = height;
  }

  public long height() {
    return height;
  }

  public ValidatorSet validators() {
    return validators;
  }

  /** The proposer of {@code round} (≥ 0) at this selector's height. */
  public synchronized PublicKey proposer(int round) {
    if (round < 0) {
      throw new IllegalArgumentException("negative round " + round);
    }
    while (chosen.size() <= round) {
      int r = chosen.size();
      int excluded = r == 0 ? -1 : chosen.get(r - 1);
      chosen.add(draw(r, excluded));
    }
    return validators.validators().get(chosen.get(round)).key();
  }

  /** Shorthand for a one-off lookup. */
  public static PublicKey proposer(ValidatorSet validators, long height, int round) {
    return new ProposerSelector(validators, height).proposer(round);
  }

  private long power(int index) {
    return validators.validators().get(index).votingPower();
  }

  private int draw(int round, int excluded) {
    int n = validators.size();
    if (n == 1) {
      return 0;
    }
    long total = validators.totalPower() - (excluded >= 0 ? power(excluded) : 0);
    byte[] seed = Sha256.digest(new ByteWriter(40).raw(TAG).u64(height).i32(round).toByteArray());
    long x = 0;
    for (int i = 0; i < 8; i++) {
      x = (x << 8) | (seed[i] & 0xffL);
    }
    // The modulo bias is at most total / 2^64: negligible for any real voting validators.
    long target = Long.remainderUnsigned(x, total);
    for (int i = 0; i < n; i++) {
      if (i == excluded) {
        continue;
      }
      target -= power(i);
      if (target < 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: target beyond total power");
  }
}
