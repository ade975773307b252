package org.timecoin.node.mempool;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Admissions, refusals by code, and the time admitted transactions took to reach a block, for
 * metrics. Codes are the mempool's and the validation rules' constants, never a peer's text; still,
 * past {@value #MAX_CODES} distinct codes the rest count as {@code other}.
 */
public final class AdmissionOutcomes {
  static final int MAX_CODES = 64;
  static final String OTHER = "other";

  private final LongAdder admitted = new LongAdder();
  private final LongAdder finalized = new LongAdder();
  private final LongAdder finalizedNanos = new LongAdder();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

  void record(AdmitResult r) {
    if (r.admitted()) {
      admitted.increment();
    } else {
      rejected(r.code());
    }
  }

  void rejected(String code) {
    String key = code == null ? OTHER : code;
    LongAdder counter = rejected.get(key);
    if (counter == null) {
      counter =
          rejected.computeIfAbsent(rejected.size() < MAX_CODES ? key : OTHER, k -> new LongAdder());
    }
    counter.increment();
  }

  /** A transaction admitted here was stored in a block {@code nanos} after its admission. */
  void finalized(long nanos) {
    finalized.increment();
    finalizedNanos.add(Math.max(0, nanos));
  }

  /** Transactions admitted here and since stored in a block. */
  public long finalizedCount() {
    return finalized.sum();
  }

  /** Sum of their times from admission to the stored block, in nanoseconds. */
  public long finalizedNanos() {
    return finalizedNanos.sum();
  }

  public long admitted() {
    return admitted.sum();
  }

  /** Refusals so far, by code. */
  public Map<String, Long> rejectedByCode() {
    Map<String, Long> out = new TreeMap<>();
    rejected.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
