package org.timecoin.node.masternode;

import java.util.Optional;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.masternode.Liveness;
import org.timecoin.domain.masternode.MasternodeRecord;

/**
 * Which heights a masternode was expected to sign, read from its record and the stored epoch sets:
 * from the height it entered until the last height of the last set holding it. Membership of one
 * record is a single run of epochs (a record that leaves a set never returns to one; coming back
 * takes a new registration, a new record), so its end is found by a binary search over the epochs.
 */
final class Attendance {
  private final MasternodeChain chain;

  Attendance(MasternodeChain chain) {
    this.chain = chain;
  }

  /** The last height whose certificate a block carries: the tip's parent. */
  long lastCountable() {
    return chain.height() - 1;
  }

  /**
   * The heights {@code [first, last]} the record was expected to sign up to {@code upTo}; null when
   * none (not entered yet, or entered after {@code upTo}).
   */
  long[] expectedRange(MasternodeRecord r, long upTo) {
    long entered = r.enteredHeight();
    if (entered < 1 || entered > upTo) {
      return null;
    }
    if (inSetAt(r, upTo)) {
      return new long[] {entered, upTo};
    }
    long lo = chain.epochOf(entered);
    long hi = chain.epochOf(upTo);
    if (!inSetAt(r, chain.firstHeight(lo))) {
      return null;
    }
    while (hi - lo > 1) { // in the set of epoch lo, not in that of epoch hi
      long mid = lo + (hi - lo) / 2;
      if (inSetAt(r, chain.firstHeight(mid))) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    long end = Math.min(upTo, chain.firstHeight(lo + 1) - 1);
    return end < entered ? null : new long[] {entered, end};
  }

  /** How many heights it was expected to sign up to the last countable one. */
  long expected(MasternodeRecord r) {
    long[] range = expectedRange(r, lastCountable());
    return range == null ? 0 : range[1] - range[0] + 1;
  }

  /** Signed over expected, at most 1; null when nothing was expected yet. */
  static Double uptime(long signed, long expected) {
    return expected <= 0 ? null : Math.min(1.0, (double) signed / expected);
  }

  /**
   * Active at block {@code height}: a member of its set that signed one of the {@code
   * inactivityBlocks} heights before it, or entered less than that many blocks before it.
   */
  boolean activeAt(MasternodeRecord r, long height) {
    if (!inSetAt(r, height)) {
      return false;
    }
    return Liveness.activeAt(r, height, chain.inactivityBlocks());
  }

  boolean inSetAt(MasternodeRecord r, long height) {
    Optional<ValidatorSet> set = chain.validatorsAt(height);
    return set.isPresent() && set.get().contains(r.operatorKey());
  }
}
