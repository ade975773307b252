package org.timecoin.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one load run's measured window: what was offered to the nodes, what they accepted
 * or refused (by reason), what was seen in finalized blocks, and each committed transfer's finality
 * latency (submission to the first poll that saw its block). Owned by one thread.
 */
final class LoadStats {
  private long offered;
  private long accepted;
  private long committed;
  private long committedSeenInWindow;
  private long starved;
  private long unsent;
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Samples finality = new Samples();

  void countOffered(int n) {
    offered += n;
  }

  void countAccepted() {
    accepted++;
  }

  void countRejected(String reason) {
    rejected.merge(reason, 1L, Long::sum);
  }

  /** A transfer offered in the window was seen final {@code latencyNanos} after its submission. */
  void countCommitted(long latencyNanos) {
    committed++;
    finality.add(latencyNanos);
  }

  /** A transfer (offered whenever) was seen final while the window was open. */
  void countSeenInWindow() {
    committedSeenInWindow++;
  }

  /** Transfers due by the rate that could not be built: every coin waited for its block. */
  void countStarved(long n) {
    starved += n;
  }

  /** Transfers built but not sent: too many requests were already waiting for a node. */
  void countUnsent(int n) {
    unsent += n;
  }

  long offered() {
    return offered;
  }

  long accepted() {
    return accepted;
  }

  long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  Map<String, Long> rejectedByReason() {
    return Map.copyOf(rejected);
  }

  long committed() {
    return committed;
  }

  long committedSeenInWindow() {
    return committedSeenInWindow;
  }

  long starved() {
    return starved;
  }

  long unsent() {
    return unsent;
  }

  Samples finality() {
    return finality;
  }

  /**
   * The reason in a node's refusal: the reject code it starts with ({@code "conflict: ..."}), or
   * the JSON-RPC error code when the message carries none.
   */
  static String reasonOf(int errorCode, String message) {
    int colon = message.indexOf(':');
    if (colon > 0 && colon <= 40 && message.substring(0, colon).matches("[a-z0-9-]+")) {
      return message.substring(0, colon);
    }
    return "rpc-" + errorCode;
  }
}
