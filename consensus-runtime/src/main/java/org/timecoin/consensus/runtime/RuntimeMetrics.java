package org.timecoin.consensus.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.RoundChangeCause;
import org.timecoin.consensus.Step;
import org.timecoin.consensus.TimeoutKind;

/**
 * The runtime's meters. Names are Micrometer style; a Prometheus registry exports them as {@code
 * consensus_round_changes_total{cause}}, {@code consensus_height}, {@code consensus_round}, {@code
 * consensus_equivocations_total}, {@code consensus_rejected_total{reason}}, {@code
 * consensus_network_inputs_dropped_total}, {@code consensus_decisions_total}, {@code
 * consensus_timeout_seconds{kind}}, {@code consensus_step} (the step's ordinal in {@link Step}),
 * {@code consensus_step_duration_seconds{step}} (time spent in each step), {@code
 * consensus_block_interval_seconds} (between two decisions here) and {@code
 * consensus_finality_latency_seconds} (from the start of a height to its decision), and {@code
 * consensus_wal_fsync_seconds} from the WAL. The step and decision figures are kept by the owner
 * thread alone; the clock is read only when the step changes.
 */
final class RuntimeMetrics {
  private final MeterRegistry registry;
  private final Map<RoundChangeCause, Counter> roundChanges = new EnumMap<>(RoundChangeCause.class);
  private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
  private final Counter equivocations;
  private final Counter dropped;
  private final Counter decisions;
  private final Gauge height;
  private final Gauge round;
  private final Gauge step;
  private final Map<Step, Timer> stepTimers = new EnumMap<>(Step.class);
  private final Timer blockInterval;
  private final Timer finalityLatency;

  // Owner thread only.
  private long lastHeight = -1;
  private int lastRound = -1;
  private Step lastStep;
  private long stepStartedNanos;
  private long heightStartedNanos = -1;
  private long lastDecisionNanos = -1;

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
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(
          reason,
          Counter.builder("consensus.rejected")
              .description("proposals and votes refused, by reason")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
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
    decisions =
        Counter.builder("consensus.decisions")
            .description("heights decided by this node's consensus")
            .register(registry);
    // Strong references: the status supplier is a lambda nobody else holds, and a gauge keeps its
    // object weakly by default (it would read NaN after the next garbage collection).
    height =
        Gauge.builder("consensus.height", status, s -> s.get().height())
            .description("the height consensus works on")
            .strongReference(true)
            .register(registry);
    round =
        Gauge.builder("consensus.round", status, s -> s.get().round())
            .description("the round of the current height")
            .strongReference(true)
            .register(registry);
    step =
        Gauge.builder("consensus.step", status, s -> s.get().step().ordinal())
            .description("0 new_height, 1 propose, 2 prevote, 3 precommit, 4 commit")
            .strongReference(true)
            .register(registry);
    for (Step st : Step.values()) {
      stepTimers.put(
          st,
          Timer.builder("consensus.step.duration")
              .description("time spent in a consensus step")
              .tag("step", st.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
    blockInterval =
        Timer.builder("consensus.block.interval")
            .description("time between two decisions of this node")
            .register(registry);
    finalityLatency =
        Timer.builder("consensus.finality.latency")
            .description("time from the start of a height to its decision")
            .register(registry);
  }

  /** After each event: times the step that just ended, if the step changed. */
  void observe(long height, int round, Step current, Clock clock) {
    if (height == lastHeight && round == lastRound && current == lastStep) {
      return;
    }
    long now = clock.monoNanos();
    if (lastStep != null) {
      stepTimers.get(lastStep).record(now - stepStartedNanos, TimeUnit.NANOSECONDS);
    }
    if (height != lastHeight) {
      heightStartedNanos = now;
    }
    lastHeight = height;
    lastRound = round;
    lastStep = current;
    stepStartedNanos = now;
  }

  /** Unbinds the gauges from this runtime, so a later runtime on the same registry owns them. */
  void close() {
    registry.remove(height);
    registry.remove(round);
    registry.remove(step);
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

  void decided(Clock clock) {
    decisions.increment();
    long now = clock.monoNanos();
    if (lastDecisionNanos >= 0) {
      blockInterval.record(now - lastDecisionNanos, TimeUnit.NANOSECONDS);
    }
    lastDecisionNanos = now;
    if (heightStartedNanos >= 0) {
      finalityLatency.record(now - heightStartedNanos, TimeUnit.NANOSECONDS);
      heightStartedNanos = -1;
    }
  }

  void timeoutScheduled(TimeoutKind kind, Duration delay) {
    Timer.builder("consensus.timeout")
        .description("step timeouts scheduled (never above max_round_timeout)")
        .tag("kind", kind.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .record(delay);
  }

  void rejected(RejectReason reason) {
    rejected.get(reason).increment();
  }
}
