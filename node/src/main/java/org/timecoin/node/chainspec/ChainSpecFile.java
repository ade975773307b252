package org.timecoin.node.chainspec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.GenesisFile;
import org.timecoin.node.config.HostPort;

/**
 * chain-spec.json ⇄ {@link ChainSpec}. Layout:
 *
 * <pre>
 * { "chain_spec_version": 1,
 *   "chain_id": hex,            SHA-256 of the genesis chain name
 *   "network": "testnet",       testnet or mainnet, as the genesis says
 *   "genesis_hash": hex,        SHA-256 of the genesis' canonical encoding
 *   "p2p_port": 24100, "rpc_port": 24101,
 *   "seeds": [ "203.0.113.7:24100", "seed.example.org:24100", "[2001:db8::1]:24100" ],
 *   "genesis": { ...the genesis.json object... } }
 * </pre>
 *
 * Every field is required and checked; an error names the file and the field.
 */
public final class ChainSpecFile {
  public static final String FILE_NAME = "chain-spec.json";
  public static final int VERSION = 1;

  /** A spec is read whole; a genesis with a large allocation list stays far below this. */
  public static final long MAX_BYTES = 32L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "chain_spec_version",
          "chain_id",
          "network",
          "genesis_hash",
          "p2p_port",
          "rpc_port",
          "seeds",
          "genesis");

  private final Path file;

  private ChainSpecFile(Path file) {
    this.file = file;
  }

  public static ChainSpec load(Path file) {
    String text;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new ConfigException(
            file + ": chain spec of " + size + " bytes exceeds the limit of " + MAX_BYTES);
      }
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read chain spec: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  public static ChainSpec parse(Path file, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new ConfigException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new ChainSpecFile(file).read(root);
  }

  /** Writes through a temporary file, so a reader never sees half a spec. */
  public static void write(Path file, ChainSpec spec) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve(file.getFileName() + ".tmp");
      Files.writeString(tmp, toJson(spec));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot write chain spec: " + e.getMessage(), e);
    }
  }

  public static String toJson(ChainSpec spec) {
    GenesisConfig g = spec.genesis();
    ObjectNode root = JSON.createObjectNode();
    root.put("chain_spec_version", VERSION);
    root.put("chain_id", g.chainId().toHex());
    root.put("network", spec.network().text());
    root.put("genesis_hash", g.hash().toHex());
    root.put("p2p_port", spec.p2pPort());
    root.put("rpc_port", spec.rpcPort());
    ArrayNode seeds = root.putArray("seeds");
    spec.seeds().forEach(s -> seeds.add(s.toString()));
    root.set("genesis", GenesisFile.toTree(g));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private ChainSpec read(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw error("", "the file must hold a JSON object");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw error(name, "is not a known field; allowed: " + new TreeSet<>(FIELDS));
      }
    }
    long version = integer(root, "chain_spec_version", 1, Integer.MAX_VALUE);
    if (version != VERSION) {
      throw error("chain_spec_version", "is " + version + "; this node reads version " + VERSION);
    }
    String chainId = hex(root, "chain_id");
    String network = text(root, "network");
    if (!network.equals("testnet") && !network.equals("mainnet")) {
      throw error("network", "must be testnet or mainnet, got \"" + network + "\"");
    }
    String genesisHash = hex(root, "genesis_hash");
    int p2pPort = (int) integer(root, "p2p_port", 1, 65535);
    int rpcPort = (int) integer(root, "rpc_port", 1, 65535);
    if (p2pPort == rpcPort) {
      throw error("rpc_port", "must differ from p2p_port (" + p2pPort + ")");
    }
    List<HostPort> seeds = seeds(root);
    if (!root.has("genesis")) {
      throw error("genesis", "is missing");
    }
    GenesisConfig genesis = GenesisFile.fromJson(file, "genesis", root.get("genesis"));
    ChainSpec spec = new ChainSpec(genesis, p2pPort, rpcPort, seeds);
    if (!spec.network().text().equals(network)) {
      throw error("network", "is " + network + " but the genesis is for " + spec.network().text());
    }
    if (!genesis.chainId().toHex().equalsIgnoreCase(chainId)) {
      throw error(
          "chain_id",
          chainId
              + " does not match the genesis, whose chain \""
              + genesis.chainName()
              + "\" has id "
              + genesis.chainId().toHex());
    }
    if (!genesis.hash().toHex().equalsIgnoreCase(genesisHash)) {
      throw error(
          "genesis_hash",
          genesisHash + " does not match the embedded genesis, whose hash is " + genesis.hash());
    }
    return spec;
  }

  private List<HostPort> seeds(JsonNode root) {
    JsonNode node = root.get("seeds");
    if (node == null) {
      throw error("seeds", "is missing");
    }
    if (!node.isArray()) {
      throw error("seeds", "must be an array of \"host:port\" strings");
    }
    if (node.isEmpty()) {
      throw error("seeds", "must list at least one \"host:port\" to join through");
    }
    if (node.size() > ChainSpec.MAX_SEEDS) {
      throw error("seeds", "lists " + node.size() + " entries; at most " + ChainSpec.MAX_SEEDS);
    }
    List<HostPort> seeds = new ArrayList<>();
    Set<HostPort> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String field = "seeds[" + i + "]";
      JsonNode e = node.get(i);
      if (!e.isTextual()) {
        throw error(field, "must be a \"host:port\" string");
      }
      HostPort hp = HostPort.parse(e.asText());
      if (hp == null) {
        throw error(field, "\"" + e.asText() + "\" must be host:port (port 1-65535)");
      }
      String problem = SeedHost.problem(hp.host());
      if (problem != null) {
        throw error(field, "host \"" + hp.host() + "\" " + problem);
      }
      if (!seen.add(hp)) {
        throw error(field, "\"" + e.asText() + "\" is listed twice");
      }
      seeds.add(hp);
    }
    return seeds;
  }

  private String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null) {
      throw error(field, "is missing");
    }
    if (!v.isTextual()) {
      throw error(field, "must be a string");
    }
    return v.asText();
  }

  private String hex(JsonNode root, String field) {
    String v = text(root, field);
    if (!v.matches("[0-9a-fA-F]{64}")) {
      throw error(field, "must be 64 hex characters (a SHA-256 hash)");
    }
    return v;
  }

  private long integer(JsonNode root, String field, long min, long max) {
    JsonNode v = root.get(field);
    if (v == null) {
      throw error(field, "is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw error(field, "must be an integer from " + min + " to " + max + ", got " + v);
    }
    return v.asLong();
  }

  private ConfigException error(String field, String problem) {
    return new ConfigException(file + ": " + (field.isEmpty() ? "" : field + " ") + problem);
  }
}
