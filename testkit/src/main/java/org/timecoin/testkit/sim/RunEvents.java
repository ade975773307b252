package org.timecoin.testkit.sim;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.timecoin.consensus.RejectReason;

/**
 * Counts of what happened in a run, by name, so a test can check that a scenario's faults really
 * took place (a Byzantine strategy that never acted proves nothing).
 */
public final class RunEvents {
  /** Two different proposals of one (proposer, height, round) reached honest nodes. */
  public static final String CONFLICTING_PROPOSALS = "conflicting_proposals_delivered";

  /** Two different votes of one (signer, type, height, round) reached honest nodes. */
  public static final String CONFLICTING_VOTES = "conflicting_votes_delivered";

  /** Equivocation evidence recorded by honest nodes. */
  public static final String EVIDENCE = "evidence_recorded";

  /** Proposed blocks an honest validator's validation refused. */
  public static final String INVALID_BLOCKS_REFUSED = "invalid_blocks_refused";

  /** Slots (key, kind, height, round) signed by two nodes holding the same key. */
  public static final String TWIN_DOUBLE_SIGNS = "twin_double_signs";

  /** Genuine messages of an earlier round or height sent again by a Byzantine node. */
  public static final String STALE_REPLAYED = "stale_messages_replayed";

  /** Votes signed by a key outside the validator set of their height. */
  public static final String OUTSIDER_VOTES = "outsider_votes_sent";

  /** Heights honest nodes adopted by block sync, each after checking its certificate. */
  public static final String SYNCED_HEIGHTS = "heights_synced";

  /** Catch-up certificates refused by the check against the set of their height. */
  public static final String SYNC_REFUSED = "sync_certificates_refused";

  /** Heights finalized whose validator set differs from the previous height's. */
  public static final String SET_CHANGES = "set_changes_finalized";

  private final Map<String, Long> counts = new TreeMap<>();

  /** The count of refusals by honest nodes for {@code reason}. */
  public static String rejected(RejectReason reason) {
    return "rejected_" + reason.name().toLowerCase(Locale.ROOT);
  }

  void count(String event) {
    counts.merge(event, 1L, Long::sum);
  }

  Map<String, Long> snapshot() {
    return Collections.unmodifiableMap(new TreeMap<>(counts));
  }
}
