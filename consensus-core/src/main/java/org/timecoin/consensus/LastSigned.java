package org.timecoin.consensus;

import java.util.Objects;
import org.timecoin.common.Hash32;

/**
 * The last message this validator signed: its (height, round, step) and the SHA-256 of the exact
 * bytes signed. Step is {@link Step#PROPOSE}, {@link Step#PREVOTE} or {@link Step#PRECOMMIT}.
 */
public record LastSigned(long height, int round, Step step, Hash32 signBytesHash) {
  public LastSigned {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(signBytesHash, "signBytesHash");
  }

  /** Compares (height, round, step) only. */
  public int comparePosition(LastSigned o) {
    int c = Long.compare(height, o.height);
    if (c == 0) {
      c = Integer.compare(round, o.round);
    }
    return c != 0 ? c : step.compareTo(o.step);
  }
}
