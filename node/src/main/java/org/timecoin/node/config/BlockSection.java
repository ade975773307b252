package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;

import java.time.Duration;

/** {@code [block]}: when blocks are produced and how large they may be. */
public record BlockSection(
    Duration blockInterval, Duration emptyBlockInterval, int maxBlockBytes, int maxBlockTxs) {

  public static BlockSection defaults() {
    return new BlockSection(Duration.ofSeconds(1), Duration.ofMinutes(10), 2_000_000, 5_000);
  }

  static BlockSection read(TomlTable t) {
    BlockSection d = defaults();
    BlockSection s =
        new BlockSection(
            t.millis("block_interval_ms", d.blockInterval, 0, 3_600_000),
            t.millis("empty_block_interval_ms", d.emptyBlockInterval, 1, 86_400_000),
            t.intIn("max_block_bytes", d.maxBlockBytes, 1024, 64 * 1024 * 1024),
            t.intIn("max_block_txs", d.maxBlockTxs, 1, 1_000_000));
    t.rejectUnknownKeys();
    if (s.emptyBlockInterval.compareTo(s.blockInterval) < 0) {
      throw t.invalid("empty_block_interval_ms", "must be at least block_interval_ms");
    }
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("block", "Block production.")
        .key("block_interval_ms", ms(blockInterval), "Least time between two blocks")
        .key(
            "empty_block_interval_ms",
            ms(emptyBlockInterval),
            "With no transactions waiting, an empty block this often")
        .key("max_block_bytes", num(maxBlockBytes), "Largest block this node proposes")
        .key("max_block_txs", num(maxBlockTxs), "Most transactions in a block this node proposes");
  }
}
