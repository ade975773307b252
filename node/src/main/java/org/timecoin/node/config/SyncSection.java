package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;

import java.time.Duration;

/** {@code [sync]}: how long peers have to serve blocks, and how much we serve them. */
public record SyncSection(Duration rangeDeadline, long servingBytesPerSecond, int maxRangeBlocks) {

  public static SyncSection defaults() {
    return new SyncSection(Duration.ofSeconds(5), 16L << 20, 64);
  }

  static SyncSection read(TomlTable t) {
    SyncSection d = defaults();
    SyncSection s =
        new SyncSection(
            t.millis("range_deadline_ms", d.rangeDeadline, 100, 600_000),
            t.longIn("serving_bytes_per_second", d.servingBytesPerSecond, 1024, 1L << 40),
            t.intIn("max_range_blocks", d.maxRangeBlocks, 1, 128));
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
        .key("max_range_blocks", num(maxRangeBlocks), "Most blocks served for one request");
  }
}
