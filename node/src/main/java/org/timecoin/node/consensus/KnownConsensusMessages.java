package org.timecoin.node.consensus;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The proposals and votes the gate accepted, per (height, round, kind, signer) slot, so that a
 * replayed or echoed message costs one hash lookup instead of a signature check. A slot keeps the
 * first message and {@value #MAX_PER_SLOT}{@code - 1} conflicting ones (enough for consensus to see
 * an equivocation); further distinct messages for a full slot are not worth checking.
 *
 * <p>Bounded: only the gate's height window is ever recorded (slots below the current height are
 * forgotten when it moves), rounds are bounded by the round window, and beyond {@value #MAX_SLOTS}
 * slots nothing more is recorded (messages are then checked in full, which is correct, only
 * slower). Safe from any thread. Messages are recorded only after their signature verified, so a
 * forgery cannot occupy a slot ahead of the genuine message.
 */
final class KnownConsensusMessages {
  static final int MAX_PER_SLOT = 2;
  static final int MAX_SLOTS = 1 << 16;

  /** What the record says of a message. */
  enum Seen {
    NEW,
    KNOWN,
    SLOT_FULL
  }

  /** Proposal, prevote or precommit. */
  enum Kind {
    PROPOSAL,
    PREVOTE,
    PRECOMMIT
  }

  private record Slot(long height, int round, Kind kind, PublicKey signer) {}

  private final ConcurrentHashMap<Slot, List<Object>> slots = new ConcurrentHashMap<>();
  private final AtomicLong forgottenBelow = new AtomicLong(Long.MIN_VALUE);

  Seen seen(long height, int round, Kind kind, PublicKey signer, Object message) {
    List<Object> kept = slots.get(new Slot(height, round, kind, signer));
    if (kept == null) {
      return Seen.NEW;
    }
    if (kept.contains(message)) {
      return Seen.KNOWN;
    }
    return kept.size() >= MAX_PER_SLOT ? Seen.SLOT_FULL : Seen.NEW;
  }

  /** Records a message whose signature verified. */
  void remember(long height, int round, Kind kind, PublicKey signer, Object message) {
    if (height < forgottenBelow.get() || slots.size() >= MAX_SLOTS) {
      return;
    }
    slots.merge(
        new Slot(height, round, kind, signer),
        List.of(message),
        (old, one) ->
            old.size() >= MAX_PER_SLOT || old.contains(message) ? old : concat(old, message));
  }

  /** Forgets the slots of heights below {@code height}; cheap when the height did not move. */
  void forgetBelow(long height) {
    long before = forgottenBelow.get();
    if (height > before && forgottenBelow.compareAndSet(before, height)) {
      slots.keySet().removeIf(s -> s.height() < height);
    }
  }

  int size() {
    return slots.size();
  }

  private static List<Object> concat(List<Object> old, Object message) {
    Object[] all = old.toArray(new Object[old.size() + 1]);
    all[old.size()] = message;
    return List.of(all);
  }
}
