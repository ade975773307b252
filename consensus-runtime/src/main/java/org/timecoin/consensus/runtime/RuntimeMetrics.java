package org.timecoin.consensus.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.RoundChangeCause;
import org.timecoin.consensus.TimeoutKind;

/**
 * The runtime's meters. Names are Micrometer style; a Prometheus registry exports them as {@code
 * consensus_round_changes_total{cause}}, {@code consensus_height}, {@code consensus_round}, {@code
 * consensus_equivocations_total}, {@code consensus_rejected_total{reason}}, {@code
 * consensus_network_inputs_dropped_total}, {@code consensus_decisions_total}, {@code
 * consensus_timeout_seconds{kind}} (and {@code consensus_wal_fsync_seconds} from the WAL).
 */
final class RuntimeMetrics {
  private final MeterRegistry registry;
  private final Map<RoundChangeCause, Counter> roundChanges = new EnumMap<>(RoundChangeCause.class);
  private final Counter equivocations;
  private final Counter dropped;
  private final Counter decisions;
  private final Gauge height;
  private final Gauge round;

  RuntimeMetrics(MeterRegistry registry, Supplier<ConsensusStatus> status) {
    this.registry = registry;
    for (RoundChangeCause cause : RoundChangeCause.values()) {
      roundChanges.put(
          cause,
          Counter.builder("consensus.round_changes")
              .description("round changes (view changes) by cause")
              .tag("cause", cause.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    equivocations =
        Counter.builder("consensus.equivocations")
            .description("conflicting signed votes detected")
            .register(registry);
    dropped =
        Counter.builder("consensus.network_inputs_dropped")
            .description("peer proposals and votes dropped because the owner queue was full")
            .register(registry);
    decisions = Counter.builder("consensus.decisions").register(registry);
    height = Gauge.builder("consensus.height", status, s -> s.get().height()).register(registry);
    round = Gauge.builder("consensus.round", status, s -> s.get().round()).register(registry);
  }

  /** Unbinds the gauges from this runtime, so a later runtime on the same registry owns them. */
  void close() {
    registry.remove(height);
    registry.remove(round);
  }

  void roundChanged(RoundChangeCause cause) {
    roundChanges.get(cause).increment();
  }

  void equivocation() {
    equivocations.increment();
  }

  void dropped() {
    dropped.increment();
  }

  void decided() {
    decisions.increment();
  }

  void timeoutScheduled(TimeoutKind kind, Duration delay) {
    Timer.builder("consensus.timeout")
        .description("step timeouts scheduled (never above max_round_timeout)")
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .record(delay);
  }

  void rejected(RejectReason reason) {
    Counter.builder("consensus.rejected")
        .tag("reason", reason.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }
}
