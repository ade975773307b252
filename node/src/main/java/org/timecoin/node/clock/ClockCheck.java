package org.timecoin.node.clock;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Scheduler;
import org.timecoin.p2p.PeerInfo;

/**
 * Compares the local clock with the peers' (the offsets their handshakes told, see {@link
 * PeerInfo#clockOffset()}) soon after start-up and every 30 minutes. The median offset is kept for
 * {@code getnetworkinfo}; beyond the drift the chain allows a block timestamp, a warning says by
 * how much, since such a node's proposals are refused and it refuses honest ones. The median, not
 * the mean: a few peers with wrong (or lying) clocks cannot move it.
 */
public final class ClockCheck implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClockCheck.class);

  public static final Duration PERIOD = Duration.ofMinutes(30);

  /** The first check waits this long for handshakes, and retries as often until a peer is up. */
  static final Duration STARTUP_DELAY = Duration.ofSeconds(10);

  /** One check: the median offset (peer minus local) over {@code samples} peers. */
  public record Reading(long offsetMillis, int samples, boolean drifted) {}

  private final Supplier<List<PeerInfo>> peers;
  private final long maxDriftMillis;
  private final Scheduler scheduler;
  private volatile long offsetMillis;
  private Scheduler.Cancellable timer;
  private boolean closed;

  /**
   * @param maxDriftMillis how far a block timestamp may run ahead of the local clock (the chain's
   *     {@code max_clock_drift_ms})
   */
  public ClockCheck(Supplier<List<PeerInfo>> peers, long maxDriftMillis, Scheduler scheduler) {
    this.peers = peers;
    this.maxDriftMillis = maxDriftMillis;
    this.scheduler = scheduler;
  }

  public synchronized void start() {
    timer = scheduler.schedule(STARTUP_DELAY, this::scheduled);
  }

  private void scheduled() {
    Reading r = check();
    synchronized (this) {
      if (!closed) {
        timer = scheduler.schedule(r.samples() == 0 ? STARTUP_DELAY : PERIOD, this::scheduled);
      }
    }
  }

  /** Measures now: the median over the connected peers that told their clock. */
  public Reading check() {
    long[] offsets =
        peers.get().stream()
            .map(PeerInfo::clockOffset)
            .filter(OptionalLong::isPresent)
            .mapToLong(OptionalLong::getAsLong)
            .sorted()
            .toArray();
    if (offsets.length == 0) {
      log.debug("clock check: no peer has told its clock yet");
      return new Reading(offsetMillis, 0, false);
    }
    int mid = offsets.length / 2;
    long median = offsets.length % 2 == 1 ? offsets[mid] : offsets[mid - 1] / 2 + offsets[mid] / 2;
    offsetMillis = median;
    boolean drifted = Math.abs(median) > maxDriftMillis;
    if (drifted) {
      log.warn(
          "the local clock is {} ms {} the median of {} peers' clocks, more than the {} ms the chain"
              + " allows: its blocks and votes will be refused; set the system time (NTP)",
          Math.abs(median),
          median > 0 ? "behind" : "ahead of",
          offsets.length,
          maxDriftMillis);
    } else {
      log.info("clock check: offset {} ms against the median of {} peers", median, offsets.length);
    }
    return new Reading(median, offsets.length, drifted);
  }

  /** The last median offset measured (peers minus local), 0 before any. */
  public long offsetMillis() {
    return offsetMillis;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (timer != null) {
      timer.cancel();
    }
  }
}
