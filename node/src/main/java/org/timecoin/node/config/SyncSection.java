package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;
import static org.timecoin.node.config.TomlTemplate.str;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code [sync]}: how long peers have to serve blocks, how much we serve them, and snapshots: how
 * often one is kept for other nodes to fast-sync from, and whether a new node fast-syncs.
 */
public record SyncSection(
    Duration rangeDeadline,
    long servingBytesPerSecond,
    int maxRangeBlocks,
    FastSyncMode fastSync,
    long snapshotInterval,
    int snapshotKeep,
    long snapshotServingBytesPerSecond) {

  /** Whether a node with an empty store fast-syncs from a snapshot. */
  public enum FastSyncMode {
    /**
     * On for a chain older than {@link #AUTO_MIN_CHAIN_AGE} (testnet, mainnet); off for a younger
     * one (a devnet just made), which has no snapshot worth waiting for.
     */
    AUTO,
    ON,
    OFF;

    static FastSyncMode parse(String text) {
      return switch (text.toLowerCase(Locale.ROOT)) {
        case "auto" -> AUTO;
        case "on", "true" -> ON;
        case "off", "false" -> OFF;
        default -> null;
      };
    }

    /** Chains at least this old are worth fast-syncing by default. */
    public static final Duration AUTO_MIN_CHAIN_AGE = Duration.ofHours(1);

    /** Whether a new node fast-syncs a chain whose genesis is {@code chainAge} old. */
    public boolean enabledFor(Duration chainAge) {
      return this == ON || (this == AUTO && chainAge.compareTo(AUTO_MIN_CHAIN_AGE) >= 0);
    }
  }

  public SyncSection(Duration rangeDeadline, long servingBytesPerSecond, int maxRangeBlocks) {
    this(
        rangeDeadline,
        servingBytesPerSecond,
        maxRangeBlocks,
        defaults().fastSync,
        defaults().snapshotInterval,
        defaults().snapshotKeep,
        defaults().snapshotServingBytesPerSecond);
  }

  public static SyncSection defaults() {
    return new SyncSection(
        Duration.ofSeconds(5), 16L << 20, 64, FastSyncMode.AUTO, 1000, 2, 64L << 20);
  }

  public SyncSection withFastSync(FastSyncMode mode) {
    return new SyncSection(
        rangeDeadline,
        servingBytesPerSecond,
        maxRangeBlocks,
        mode,
        snapshotInterval,
        snapshotKeep,
        snapshotServingBytesPerSecond);
  }

  /** Snapshots every {@code interval} blocks (0: none), the newest {@code keep} kept. */
  public SyncSection withSnapshots(long interval, int keep) {
    return new SyncSection(
        rangeDeadline,
        servingBytesPerSecond,
        maxRangeBlocks,
        fastSync,
        interval,
        keep,
        snapshotServingBytesPerSecond);
  }

  /** Snapshot data served to one peer per second. */
  public SyncSection withSnapshotServing(long bytesPerSecond) {
    return new SyncSection(
        rangeDeadline,
        servingBytesPerSecond,
        maxRangeBlocks,
        fastSync,
        snapshotInterval,
        snapshotKeep,
        bytesPerSecond);
  }

  static SyncSection read(TomlTable t) {
    SyncSection d = defaults();
    String mode = t.stringOrBool("fast_sync", "auto");
    FastSyncMode fastSync = FastSyncMode.parse(mode);
    if (fastSync == null) {
      throw t.invalid("fast_sync", "expected \"auto\", \"on\" or \"off\", got \"" + mode + "\"");
    }
    long interval = t.longIn("snapshot_interval", d.snapshotInterval, 0, 1L << 40);
    if (interval == 1) {
      throw t.invalid("snapshot_interval", "must be 0 (no snapshots) or at least 2 blocks");
    }
    SyncSection s =
        new SyncSection(
            t.millis("range_deadline_ms", d.rangeDeadline, 100, 600_000),
            t.longIn("serving_bytes_per_second", d.servingBytesPerSecond, 1024, 1L << 40),
            t.intIn("max_range_blocks", d.maxRangeBlocks, 1, 128),
            fastSync,
            interval,
            t.intIn("snapshot_keep", d.snapshotKeep, 1, 100),
            t.longIn(
                "snapshot_serving_bytes_per_second",
                d.snapshotServingBytesPerSecond,
                64L << 10,
                1L << 40));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("sync", "Block sync: catching up with peers and serving them blocks.")
        .key(
            "range_deadline_ms",
            ms(rangeDeadline),
            "A peer that does not serve a block range this fast loses standing")
        .key(
            "serving_bytes_per_second",
            num(servingBytesPerSecond),
            "Blocks (and, separately, state-root reads) served to one peer per second")
        .key("max_range_blocks", num(maxRangeBlocks), "Most blocks served for one request")
        .key(
            "fast_sync",
            str(fastSync.name().toLowerCase(Locale.ROOT)),
            "A new node starts from a peer's snapshot: on, off, or auto (chains over an hour old)")
        .key(
            "snapshot_interval",
            num(snapshotInterval),
            "Keep a UTXO-set snapshot every this many blocks for new nodes (0: none)")
        .key("snapshot_keep", num(snapshotKeep), "Snapshots kept on disk, newest first")
        .key(
            "snapshot_serving_bytes_per_second",
            num(snapshotServingBytesPerSecond),
            "Snapshot chunks served to one peer per second");
  }
}
