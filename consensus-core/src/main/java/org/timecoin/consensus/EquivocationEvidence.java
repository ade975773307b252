package org.timecoin.consensus;

import java.util.Objects;

/**
 * Proof that one validator signed two different votes for the same (height, round, type): both
 * signed votes, the one seen first and the conflicting one.
 */
public record EquivocationEvidence(Vote first, Vote second) {
  public EquivocationEvidence {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (!first.sameSlot(second) || Objects.equals(first.value(), second.value())) {
      throw new IllegalArgumentException("not conflicting: " + first + " / " + second);
    }
  }
}
