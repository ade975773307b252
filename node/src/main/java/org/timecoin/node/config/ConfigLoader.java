package org.timecoin.node.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Reads config.toml into a {@link NodeConfig}, writing a commented default file when none exists.
 */
public final class ConfigLoader {
  static final List<String> SECTIONS =
      List.of(
          "node",
          "network",
          "rpc",
          "storage",
          "consensus",
          "block",
          "logging",
          "masternode",
          "security",
          "sync",
          "wallet",
          "metrics");

  private ConfigLoader() {}

  /** Loads {@code file}; when it does not exist, writes the defaults there first. */
  public static NodeConfig loadOrCreate(Path file, NetworkName networkForNewFile) {
    if (!Files.exists(file)) {
      write(file, NodeConfig.defaults(absoluteParent(file), networkForNewFile));
    }
    return load(file);
  }

  public static void write(Path file, NodeConfig config) {
    try {
      Path parent = absoluteParent(file);
      Files.createDirectories(parent);
      Files.writeString(file, config.toToml());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  public static NodeConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  /** Parses config text; {@code file} names it in errors and anchors relative paths. */
  public static NodeConfig parse(Path file, String text) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(text);
    } catch (JacksonException e) {
      throw new ConfigException(file + ": not valid TOML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode()) {
      root = new TomlMapper().createObjectNode();
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!SECTIONS.contains(name)) {
        throw new ConfigException(
            file
                + ": unknown section or top-level key '"
                + name
                + "'; allowed sections: "
                + SECTIONS);
      }
    }
    NodeSection node = NodeSection.read(TomlTable.of(file, "node", root.get("node")));
    NetworkName net = node.network();
    return new NodeConfig(
        absoluteParent(file),
        node,
        NetworkSection.read(TomlTable.of(file, "network", root.get("network")), net),
        RpcSection.read(TomlTable.of(file, "rpc", root.get("rpc")), net),
        StorageSection.read(TomlTable.of(file, "storage", root.get("storage"))),
        ConsensusSection.read(TomlTable.of(file, "consensus", root.get("consensus"))),
        BlockSection.read(TomlTable.of(file, "block", root.get("block"))),
        LoggingSection.read(TomlTable.of(file, "logging", root.get("logging"))),
        MasternodeSection.read(TomlTable.of(file, "masternode", root.get("masternode")), net),
        SecuritySection.read(TomlTable.of(file, "security", root.get("security"))),
        SyncSection.read(TomlTable.of(file, "sync", root.get("sync"))),
        WalletSection.read(TomlTable.of(file, "wallet", root.get("wallet"))),
        MetricsSection.read(TomlTable.of(file, "metrics", root.get("metrics")), net));
  }

  private static Path absoluteParent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }
}
