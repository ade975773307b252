package org.timecoin.node.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;

/**
 * genesis.json ⇄ {@link GenesisConfig}. Layout:
 *
 * <pre>
 * { "chain_name": "...", "network": "testnet", "timestamp": millis,
 *   "validators": [ { "public_key": hex, "voting_power": n, "tier": "free|bronze|silver|gold",
 *                     "reward_address": "TIME0..." } ],
 *   "allocations": [ { "address": "TIME0...", "amount": units } ],
 *   "params": { "issuance_per_period": units, "issuance_period_ms": ms, ..., "epoch_blocks": n,
 *               "inactivity_blocks": n, "removal_blocks": n } }
 * </pre>
 *
 * Each parameter is optional (its default otherwise) and named in snake_case after its {@link
 * ConsensusParams} field. Errors name the file and the JSON path of the offending value.
 */
public final class GenesisFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOP =
      Set.of("chain_name", "network", "timestamp", "validators", "allocations", "params");
  private static final List<String> PARAMS =
      List.of(
          "issuance_per_period",
          "issuance_period_ms",
          "max_block_bytes",
          "max_tx_bytes",
          "min_fee",
          "fee_per_mille",
          "dust_limit",
          "max_clock_drift_ms",
          "timeout_propose_ms",
          "timeout_prevote_ms",
          "timeout_precommit_ms",
          "timeout_delta_ms",
          "max_round_timeout_ms",
          "block_interval_ms",
          "empty_block_interval_ms",
          "epoch_blocks",
          "inactivity_blocks",
          "removal_blocks");

  private final Path file;

  /** Where the genesis object sits in its file ("" for genesis.json, "genesis." in a spec). */
  private final String prefix;

  private GenesisFile(Path file, String prefix) {
    this.file = file;
    this.prefix = prefix;
  }

  public static GenesisConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read genesis file: " + e.getMessage(), e);
    }
    return parse(file, text);
  }

  public static GenesisConfig parse(Path file, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new ConfigException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    return new GenesisFile(file, "").read(root);
  }

  /**
   * Reads a genesis object embedded in another file under {@code field}; errors name the field
   * path, e.g. {@code genesis.validators[0].public_key}.
   */
  public static GenesisConfig fromJson(Path file, String field, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new ConfigException(file + ": " + field + " must be an object");
    }
    return new GenesisFile(file, field + ".").read(node);
  }

  /** The JSON tree of {@link #toJson}, for embedding. */
  public static JsonNode toTree(GenesisConfig g) {
    try {
      return JSON.readTree(toJson(g));
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void write(Path file, GenesisConfig g) {
    try {
      Files.writeString(file, toJson(g));
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot write genesis file: " + e.getMessage(), e);
    }
  }

  public static String toJson(GenesisConfig g) {
    ObjectNode root = JSON.createObjectNode();
    root.put("chain_name", g.chainName());
    root.put("network", g.network().name().toLowerCase(Locale.ROOT));
    root.put("timestamp", g.timestamp());
    ArrayNode vs = root.putArray("validators");
    for (Validator v : g.validators()) {
      vs.addObject()
          .put("public_key", v.key().toHex())
          .put("voting_power", v.votingPower())
          .put("tier", v.tier().name().toLowerCase(Locale.ROOT))
          .put("reward_address", v.rewardAddress().toText(g.network()));
    }
    ArrayNode as = root.putArray("allocations");
    for (TxOut a : g.allocations()) {
      as.addObject().put("address", a.address().toText(g.network())).put("amount", a.amount());
    }
    ObjectNode p = root.putObject("params");
    long[] values = g.params().values();
    for (int i = 0; i < PARAMS.size(); i++) {
      p.put(PARAMS.get(i), values[i]);
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private GenesisConfig read(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw error("", "the file must hold a JSON object");
    }
    rejectUnknown(root, "", TOP);
    String chainName = text(root, "chain_name", "");
    Network network = network(root);
    long timestamp = number(root, "timestamp", "", 0, Long.MAX_VALUE);
    List<Validator> validators = new ArrayList<>();
    JsonNode vs = array(root, "validators", "");
    if (vs.isEmpty()) {
      throw error("validators", "must list at least one validator");
    }
    for (int i = 0; i < vs.size(); i++) {
      validators.add(validator(vs.get(i), "validators[" + i + "]", network));
    }
    List<TxOut> allocations = new ArrayList<>();
    JsonNode as = root.has("allocations") ? array(root, "allocations", "") : JSON.createArrayNode();
    for (int i = 0; i < as.size(); i++) {
      String path = "allocations[" + i + "]";
      JsonNode a = object(as.get(i), path);
      rejectUnknown(a, path, Set.of("address", "amount"));
      allocations.add(
          new TxOut(
              number(a, "amount", path, 1, Long.MAX_VALUE), address(a, "address", path, network)));
    }
    ConsensusParams params = params(root.get("params"));
    try {
      return new GenesisConfig(chainName, network, timestamp, validators, allocations, params);
    } catch (IllegalArgumentException e) {
      throw error("", e.getMessage());
    }
  }

  private Validator validator(JsonNode node, String path, Network network) {
    JsonNode v = object(node, path);
    rejectUnknown(v, path, Set.of("public_key", "voting_power", "tier", "reward_address"));
    String keyHex = text(v, "public_key", path);
    if (!keyHex.matches("[0-9a-fA-F]{64}")) {
      throw error(path + ".public_key", "must be 64 hex characters (an Ed25519 public key)");
    }
    long power = number(v, "voting_power", path, 1, Long.MAX_VALUE);
    String tierText = v.has("tier") ? text(v, "tier", path) : "free";
    Tier tier;
    try {
      tier = Tier.valueOf(tierText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw error(path + ".tier", "must be one of free, bronze, silver, gold");
    }
    PublicKey key = PublicKey.fromHex(keyHex);
    Address reward =
        v.has("reward_address")
            ? address(v, "reward_address", path, network)
            : Address.fromPublicKey(key);
    return new Validator(key, power, tier, reward);
  }

  private ConsensusParams params(JsonNode node) {
    long[] v = ConsensusParams.defaults().values();
    if (node != null) {
      object(node, "params");
      rejectUnknown(node, "params", Set.copyOf(PARAMS));
      for (int i = 0; i < PARAMS.size(); i++) {
        if (node.has(PARAMS.get(i))) {
          v[i] = number(node, PARAMS.get(i), "params", 0, Long.MAX_VALUE);
        }
      }
    }
    try {
      return ConsensusParams.of(v);
    } catch (IllegalArgumentException e) {
      throw error("params", e.getMessage());
    }
  }

  private Network network(JsonNode root) {
    Map<String, Network> byName = new LinkedHashMap<>();
    for (Network n : Network.values()) {
      byName.put(n.name().toLowerCase(Locale.ROOT), n);
    }
    Network n = byName.get(text(root, "network", "").toLowerCase(Locale.ROOT));
    if (n == null) {
      throw error("network", "must be one of " + byName.keySet());
    }
    return n;
  }

  private Address address(JsonNode node, String key, String path, Network network) {
    try {
      return Address.parse(text(node, key, path), network);
    } catch (AddressFormatException e) {
      throw error(join(path, key), e.getMessage());
    }
  }

  private String text(JsonNode node, String key, String path) {
    JsonNode v = node.get(key);
    if (v == null) {
      throw error(join(path, key), "is missing");
    }
    if (!v.isTextual()) {
      throw error(join(path, key), "must be a string");
    }
    return v.asText();
  }

  private long number(JsonNode node, String key, String path, long min, long max) {
    JsonNode v = node.get(key);
    if (v == null) {
      throw error(join(path, key), "is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw error(join(path, key), "must be an integer from " + min + " to " + max + ", got " + v);
    }
    return v.asLong();
  }

  private JsonNode array(JsonNode node, String key, String path) {
    JsonNode v = node.get(key);
    if (v == null || !v.isArray()) {
      throw error(join(path, key), v == null ? "is missing" : "must be an array");
    }
    return v;
  }

  private JsonNode object(JsonNode v, String path) {
    if (v == null || !v.isObject()) {
      throw error(path, "must be an object");
    }
    return v;
  }

  private void rejectUnknown(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        throw error(
            join(path, k), "is not a known field; allowed: " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private ConfigException error(String path, String problem) {
    String where = path.isEmpty() ? prefix.replaceFirst("\\.$", "") : prefix + path;
    return new ConfigException(file + ": " + (where.isEmpty() ? "" : where + " ") + problem);
  }
}
