package org.timecoin.domain.masternode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Which members of the voting set are active: a member of set(epochOf(h)) is active at block h when
 * it signed at least one of the blocks h − N … h − 1 (N = inactivityBlocks), or entered the set
 * fewer than N blocks before h (a newcomer cannot have signed N blocks yet). Signatures come from
 * the certificates blocks carry: block h's lastCommit is the certificate of block h − 1.
 */
public final class Liveness {
  private Liveness() {}

  /**
   * True when {@code record}, whose signatures are known up to block h − 1, is active at block
   * {@code height}.
   */
  public static boolean activeAt(MasternodeRecord record, long height, long inactivityBlocks) {
    return activeAt(record, height, inactivityBlocks, false);
  }

  /**
   * The members of {@code set} active at block {@code height}, in set (key) order. {@code registry}
   * holds the records as of block h − 1, which know signatures up to block h − 2; {@code
   * lastCommitSigners} are the signers of block h's lastCommit (block h − 1's certificate).
   */
  public static List<Validator> activeMembers(
      ValidatorSet set,
      RegistryView registry,
      long height,
      long inactivityBlocks,
      Collection<PublicKey> lastCommitSigners) {
    Set<PublicKey> signers = new HashSet<>(lastCommitSigners);
    List<Validator> active = new ArrayList<>();
    for (Validator v : set.validators()) {
      MasternodeRecord record =
          registry
              .byOperatorKey(v.key())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "validator " + v.key() + " of the voting set has no registry record"));
      if (activeAt(record, height, inactivityBlocks, signers.contains(v.key()))) {
        active.add(v);
      }
    }
    return active;
  }

  /** The keys of {@link #activeMembers}, for {@code BlockContext.activeMembers}. */
  public static Set<PublicKey> activeKeys(
      ValidatorSet set,
      RegistryView registry,
      long height,
      long inactivityBlocks,
      Collection<PublicKey> lastCommitSigners) {
    Set<PublicKey> keys = new LinkedHashSet<>();
    for (Validator v : activeMembers(set, registry, height, inactivityBlocks, lastCommitSigners)) {
      keys.add(v.key());
    }
    return keys;
  }

  private static boolean activeAt(
      MasternodeRecord record, long height, long inactivityBlocks, boolean signedPrevious) {
    if (inactivityBlocks < 1) {
      throw new IllegalArgumentException("inactivityBlocks must be >= 1, got " + inactivityBlocks);
    }
    if (signedPrevious) {
      return true;
    }
    boolean signedRecently =
        record.lastSignedHeight() >= 0 && record.lastSignedHeight() >= height - inactivityBlocks;
    boolean inGrace =
        record.enteredHeight() >= 0 && height - record.enteredHeight() < inactivityBlocks;
    return signedRecently || inGrace;
  }
}
