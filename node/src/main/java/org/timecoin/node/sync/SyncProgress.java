package org.timecoin.node.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.node.api.SyncView;

/**
 * Tells an operator how sync is doing and, when the node is not progressing, why: it keeps what
 * block sync reports (a {@link Sample} per tick, rejected blocks, a halt) and derives the state,
 * rate, ETA and a warning from it. While syncing it logs a progress line every {@link #LOG_EVERY}.
 *
 * <p>Thread-safe: fed by block sync, read by RPC threads. It calls nothing outside itself.
 */
public final class SyncProgress {
  private static final Logger log = LoggerFactory.getLogger(SyncProgress.class);

  /** The rate is measured over this much recent time. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(30);

  static final Duration LOG_EVERY = Duration.ofSeconds(10);

  /** Sync that stored no block for this long is stalled. */
  static final Duration STALL_AFTER = Duration.ofSeconds(20);

  /** A rejected block explains a stall for this long (unless the tip passed its height). */
  static final Duration REJECTION_MEMORY = Duration.ofMinutes(5);

  private static final long SAMPLE_EVERY_NANOS = 1_000_000_000L;

  /**
   * What block sync knows at one tick.
   *
   * @param height our stored tip
   * @param target the height sync aims for
   * @param proven the highest height a peer proved by serving it (or our tip)
   * @param syncing whether sync is catching up (rather than following consensus)
   * @param peers connected peers
   * @param bestClaim the highest height a connected peer announced, trusted or not; -1 if none
   * @param waiting the request for the block after our tip, or null when none is out
   */
  public record Sample(
      long height,
      long target,
      long proven,
      boolean syncing,
      int peers,
      long bestClaim,
      Waiting waiting) {}

  /** A block range asked of a peer and not answered yet. */
  public record Waiting(String peer, long from, long last, long sentNanos) {}

  private record Rejection(long height, String peer, String reason, long atNanos) {}

  private record Point(long nanos, long height) {}

  private record Status(String state, String warning) {}

  private final Clock clock;
  private final Duration stallAfter;
  private final ArrayDeque<Point> points = new ArrayDeque<>();
  private Sample last;
  private long advancedNanos;
  private Rejection rejection;
  private String halt;
  private long loggedNanos;
  private boolean loggedOnce;

  public SyncProgress(Clock clock) {
    this(clock, STALL_AFTER);
  }

  SyncProgress(Clock clock, Duration stallAfter) {
    this.clock = clock;
    this.stallAfter = stallAfter;
    this.advancedNanos = clock.monoNanos();
  }

  /** Records one tick of block sync; logs the progress line when one is due. */
  public synchronized void observe(Sample s) {
    long now = clock.monoNanos();
    if (last == null || s.height() != last.height()) {
      advancedNanos = now;
    }
    last = s;
    Point newest = points.peekLast();
    if (newest == null || now - newest.nanos() >= SAMPLE_EVERY_NANOS) {
      points.addLast(new Point(now, s.height()));
    }
    while (points.size() > 2 && now - points.peekFirst().nanos() > RATE_WINDOW.toNanos()) {
      points.removeFirst();
    }
    if (s.syncing() && (!loggedOnce || now - loggedNanos >= LOG_EVERY.toNanos())) {
      loggedOnce = true;
      loggedNanos = now;
      log.info(progressLine(s.height(), view(now)));
    }
  }

  /** A peer served block {@code height} and it failed its checks for {@code reason}. */
  public synchronized void rejected(long height, String peer, String reason) {
    rejection = new Rejection(height, peer, reason, clock.monoNanos());
  }

  /** Sync stopped for a fault of ours (storage, a certified block that does not apply here). */
  public synchronized void halted(String reason) {
    halt = reason;
  }

  public synchronized SyncView view() {
    return view(clock.monoNanos());
  }

  /** "sync: height 120 / 1000 (12.0 %), 35.5 blocks/s, ETA 25 s". */
  static String progressLine(long height, SyncView v) {
    return String.format(
        Locale.ROOT,
        "sync: height %d / %d (%.1f %%), %.1f blocks/s, ETA %s%s",
        height,
        v.targetHeight(),
        v.verificationProgress() * 100,
        v.blocksPerSecond(),
        v.etaSeconds() < 0 ? "unknown" : v.etaSeconds() + " s",
        v.warnings().isEmpty() ? "" : "; " + v.warnings());
  }

  private SyncView view(long now) {
    Sample s = last;
    if (s == null) {
      return new SyncView(SyncView.NO_PEERS, 0, 0, 0, 0, -1, "not connected to any peer yet");
    }
    long target = Math.max(s.height(), Math.max(s.target(), s.proven()));
    double progress = target == 0 ? 1.0 : (double) s.height() / target;
    double rate = rate(now, s.height());
    long eta =
        s.height() >= target ? 0 : rate > 0 ? (long) Math.ceil((target - s.height()) / rate) : -1;
    Status status = status(s, now);
    return new SyncView(
        status.state(),
        progress,
        Math.max(s.proven(), s.height()),
        target,
        Math.round(rate * 10) / 10.0,
        eta,
        status.warning());
  }

  private Status status(Sample s, long now) {
    if (halt != null) {
      return new Status(SyncView.STALLED, "sync stopped: " + halt);
    }
    if (s.peers() == 0) {
      return new Status(
          SyncView.NO_PEERS,
          "no peers connected: the node cannot learn of new blocks (check [network] bootstrap_peers"
              + " and that they are reachable)");
    }
    Rejection r = rejection;
    boolean unresolved =
        r != null && r.height() > s.height() && now - r.atNanos() < REJECTION_MEMORY.toNanos();
    long still = now - advancedNanos;
    if (s.syncing()) {
      if (still < stallAfter.toNanos()) {
        return new Status(SyncView.SYNCING, "");
      }
      String why =
          unresolved
              ? rejectionText(r)
              : s.waiting() != null ? waitingText(s.waiting(), now) : null;
      return new Status(
          SyncView.STALLED,
          "no block stored for "
              + seconds(still)
              + " s at height "
              + s.height()
              + (why != null
                  ? ": " + why
                  : ": no trusted peer that still answers has block " + (s.height() + 1)));
    }
    if (unresolved) {
      return new Status(SyncView.STALLED, rejectionText(r));
    }
    if (s.bestClaim() < s.height() && still >= stallAfter.toNanos()) {
      return new Status(
          SyncView.FOLLOWING,
          "all "
              + s.peers()
              + " peers are behind us (best at height "
              + Math.max(0, s.bestClaim())
              + ", ours "
              + s.height()
              + "): no block can come from them");
    }
    return new Status(SyncView.FOLLOWING, "");
  }

  private static String rejectionText(Rejection r) {
    return "block " + r.height() + " from peer " + r.peer() + " fails validation: " + r.reason();
  }

  private static String waitingText(Waiting w, long now) {
    return "waiting for blocks "
        + w.from()
        + ".."
        + w.last()
        + " from peer "
        + w.peer()
        + " (asked "
        + seconds(now - w.sentNanos())
        + " s ago)";
  }

  private static long seconds(long nanos) {
    return Math.max(0, nanos / 1_000_000_000L);
  }

  /** Blocks per second from the oldest point in the window to now; 0 until a second passed. */
  private double rate(long now, long height) {
    Point oldest = points.peekFirst();
    if (oldest == null || now - oldest.nanos() < SAMPLE_EVERY_NANOS) {
      return 0;
    }
    return Math.max(0, height - oldest.height()) * 1e9 / (now - oldest.nanos());
  }
}
