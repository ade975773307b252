package org.timecoin.node.chain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Precommits for the tip's block that arrive after its certificate was formed. A certificate holds
 * the first quorum consensus saw, so without these the slowest third of the set would be missing
 * from every lastCommit and counted inactive while signing every block. The next block's lastCommit
 * carries them too (any valid superset of a quorum is a valid certificate), so liveness sees every
 * validator whose precommit arrived before the next proposal was built.
 *
 * <p>Only precommits of the certificate's own round for the stored block are taken; their
 * signatures are checked by the caller before {@link #add}. At most one entry per validator of the
 * tip's set, cleared at each new tip.
 */
public final class LateCommits implements BlockListener {
  private CommitCertificate tip;
  private final Set<PublicKey> signed = new HashSet<>();
  private final Map<PublicKey, CommitSignature> late = new LinkedHashMap<>();

  @Override
  public synchronized void onBlockStored(
      org.timecoin.domain.block.Block block, CommitCertificate certificate) {
    if (tip != null && certificate.height() <= tip.height()) {
      return;
    }
    tip = certificate;
    signed.clear();
    late.clear();
    for (CommitSignature s : certificate.signatures()) {
      signed.add(s.validator());
    }
  }

  /**
   * True when {@code vote} is a precommit for the tip's block in its certificate's round from a
   * validator neither the certificate nor an earlier late precommit holds: worth a signature check.
   */
  public synchronized boolean wants(Vote vote) {
    return tip != null
        && vote.type() == VoteType.PRECOMMIT
        && vote.height() == tip.height()
        && vote.round() == tip.round()
        && tip.blockHash().equals(vote.value())
        && !signed.contains(vote.validator())
        && !late.containsKey(vote.validator());
  }

  /** Records a precommit whose signature verified (and whose signer is in the tip's set). */
  public synchronized void add(Vote vote) {
    if (wants(vote)) {
      late.put(vote.validator(), new CommitSignature(vote.validator(), vote.signature()));
    }
  }

  /** The lastCommit for the block after {@code stored}: its signatures plus the late ones. */
  public synchronized LastCommit extend(CommitCertificate stored) {
    if (tip == null
        || late.isEmpty()
        || stored.height() != tip.height()
        || !stored.blockHash().equals(tip.blockHash())
        || stored.round() != tip.round()) {
      return LastCommit.of(stored);
    }
    List<CommitSignature> all = new ArrayList<>(stored.signatures());
    for (CommitSignature s : late.values()) {
      if (!containsSigner(stored, s.validator())) {
        all.add(s);
      }
    }
    return new LastCommit(stored.round(), all);
  }

  /** Late precommits held for the tip (for tests and metrics). */
  public synchronized int size() {
    return late.size();
  }

  private static boolean containsSigner(CommitCertificate c, PublicKey key) {
    for (CommitSignature s : c.signatures()) {
      if (s.validator().equals(key)) {
        return true;
      }
    }
    return false;
  }
}
