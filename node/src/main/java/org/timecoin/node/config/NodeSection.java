package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;
import static org.timecoin.node.config.TomlTemplate.str;

import java.time.Duration;
import org.timecoin.node.mempool.MempoolPolicy;

/**
 * {@code [node]}: which network, where the data, genesis and key files live (relative paths are
 * resolved against the config file's directory), and the mempool's bounds and fee rate.
 */
public record NodeSection(
    NetworkName network,
    String dataDir,
    String genesisFile,
    String keyFile,
    int mempoolMaxTxs,
    long mempoolMaxBytes,
    long mempoolMinFeeRate,
    Duration mempoolTargetWait) {

  static final long MIB = 1024L * 1024;

  /** With the default target wait. */
  public NodeSection(
      NetworkName network,
      String dataDir,
      String genesisFile,
      String keyFile,
      int mempoolMaxTxs,
      long mempoolMaxBytes,
      long mempoolMinFeeRate) {
    this(
        network,
        dataDir,
        genesisFile,
        keyFile,
        mempoolMaxTxs,
        mempoolMaxBytes,
        mempoolMinFeeRate,
        MempoolPolicy.DEFAULT_TARGET_WAIT);
  }

  public static NodeSection defaults(NetworkName network) {
    return new NodeSection(
        network,
        "data",
        "genesis.json",
        "node.key",
        50_000,
        256 * MIB,
        MempoolPolicy.DEFAULT_MIN_FEE_RATE);
  }

  static NodeSection read(TomlTable t) {
    NetworkName network = t.oneOf("network", NetworkName.TESTNET, NetworkName.BY_TEXT);
    NodeSection d = defaults(network);
    NodeSection s =
        new NodeSection(
            network,
            nonBlank(t, "data_dir", t.string("data_dir", d.dataDir)),
            nonBlank(t, "genesis_file", t.string("genesis_file", d.genesisFile)),
            nonBlank(t, "key_file", t.string("key_file", d.keyFile)),
            t.intIn("mempool_max_txs", d.mempoolMaxTxs, 1, 10_000_000),
            t.longIn("mempool_max_bytes", d.mempoolMaxBytes, MIB, 64 * 1024 * MIB),
            t.longIn("mempool_min_fee_rate", d.mempoolMinFeeRate, 0, 1_000_000_000),
            t.millis("mempool_target_wait_ms", d.mempoolTargetWait, 0, 3_600_000));
    t.rejectUnknownKeys();
    return s;
  }

  static String nonBlank(TomlTable t, String key, String value) {
    if (value.isBlank()) {
      throw t.invalid(key, "must not be empty");
    }
    return value;
  }

  void writeTo(TomlTemplate w) {
    w.section("node", "Which network this node joins and where it keeps its files.")
        .key("network", str(network.text()), "testnet or mainnet (decides the default ports)")
        .key("data_dir", str(dataDir), "Blocks, UTXO set and consensus state (RocksDB)")
        .key("genesis_file", str(genesisFile), "Genesis JSON shared by every node of the chain")
        .key(
            "key_file",
            str(keyFile),
            "Ed25519 node key (hex seed); created by 'timed init', mode 600")
        .key("mempool_max_txs", num(mempoolMaxTxs), "Most transactions kept waiting")
        .key("mempool_max_bytes", num(mempoolMaxBytes), "Most bytes of transactions kept waiting")
        .key(
            "mempool_min_fee_rate",
            num(mempoolMinFeeRate),
            "Least fee a transaction must pay per byte of its size, in units (1 TIME = 10^8)\n"
                + "to be admitted and relayed; checked on top of the consensus minimum fee")
        .key(
            "mempool_target_wait_ms",
            ms(mempoolTargetWait),
            "Once more transactions wait than the chain commits in this time, new ones must pay\n"
                + "more than the one at that limit (0 turns this off)");
  }

  /** The mempool's bounds and fee rate. */
  public MempoolPolicy mempoolPolicy() {
    return new MempoolPolicy(mempoolMaxTxs, mempoolMaxBytes, mempoolMinFeeRate, mempoolTargetWait);
  }
}
