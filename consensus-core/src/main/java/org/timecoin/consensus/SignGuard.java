package org.timecoin.consensus;

import java.util.Optional;

/**
 * The double-sign rule: a validator signs a message only at a (height, round, step) after the last
 * one it signed, or exactly the same bytes again (Ed25519 is deterministic, so re-signing yields
 * the same signature and nothing conflicting leaves the node).
 */
public final class SignGuard {
  /** What the guard says about signing a message. */
  public enum Verdict {
    /** A later position: store it, then sign. */
    SIGN,
    /** The very message signed last: sign again, nothing to store. */
    RESIGN,
    /** An earlier position, or different bytes at the same position: never sign. */
    REFUSE
  }

  private SignGuard() {}

  public static Verdict check(Optional<LastSigned> last, LastSigned next) {
    if (last.isEmpty()) {
      return Verdict.SIGN;
    }
    int c = next.comparePosition(last.get());
    if (c > 0) {
      return Verdict.SIGN;
    }
    if (c == 0 && next.signBytesHash().equals(last.get().signBytesHash())) {
      return Verdict.RESIGN;
    }
    return Verdict.REFUSE;
  }
}
