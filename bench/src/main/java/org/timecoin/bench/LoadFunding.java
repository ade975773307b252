package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Amounts;

/** How a devnet's genesis funds the honest load, and how its report joins another benchmark's. */
final class LoadFunding {
  /** Value of each genesis coin of the load keys. */
  static final long COIN = Amounts.ofTime(10);

  /** Coins the load spends per second of finality, per transfer/s (about 2 inputs, 2 s, slack). */
  private static final int COINS_PER_TPS = 8;

  private LoadFunding() {}

  /**
   * Genesis coins for a load of {@code tps}: enough for the transfers in flight, at least one per
   * key, and never more than one genesis transaction holds next to the validators' allocations.
   */
  static int coins(int tps, int keys, int validators) {
    int most = GenesisConfig.MAX_ALLOCATIONS - validators - 16;
    if (keys > most) {
      throw new IllegalArgumentException(
          keys + " load keys do not fit in a genesis (at most " + most + " coins)");
    }
    return (int) Math.min(most, Math.max(keys, (long) tps * COINS_PER_TPS));
  }

  /** Copies the load's figures into {@code report}; returns its committed tx/s. */
  static double copyLoadFigures(JsonNode load, Report report) {
    String[][] figures = {
      {"offered", "tx", "transfers offered in the window"},
      {"offered_tps", "tx/s", "offered per second"},
      {"accepted", "tx", "accepted by the node"},
      {"rejected", "tx", "refused by the node"},
      {"committed", "tx", "of those offered, seen in a final block"},
      {"committed_tps", "tx/s", "load transfers seen final during the window, per second"},
      {"finality_ms_p50", "ms", "submission to the block seen final, p50"},
      {
        "finality_ms_p99",
        "ms",
        load.path("finality_p99_is_max").asBoolean() ? "... maximum (< 100 samples)" : "p99"
      },
    };
    for (String[] f : figures) {
      JsonNode n = load.get(f[0]);
      // Boxed apart: a conditional of long and double would make every count a double.
      Object value =
          n != null && n.isIntegralNumber() ? (Object) n.asLong() : (Object) DevnetBench.number(n);
      report.figure(f[0], value, f[1], f[2]);
    }
    for (String k :
        new String[] {
          "window_s",
          "starved",
          "unsent",
          "pending_at_end",
          "spendable_at_end",
          "finality_samples",
          "finality_p99_is_max"
        }) {
      report.field(k, new ObjectMapper().convertValue(load.get(k), Object.class));
    }
    report.field(
        "rejected_by_reason",
        new ObjectMapper().convertValue(load.get("rejected_by_reason"), Map.class));
    return DevnetBench.number(load.get("committed_tps"));
  }
}
