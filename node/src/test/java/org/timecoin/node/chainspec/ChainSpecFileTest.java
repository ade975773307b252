package org.timecoin.node.chainspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NetworkName;

public class ChainSpecFileTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path FILE = Path.of("spec.json");

  @TempDir Path dir;

  public static GenesisConfig genesis(String name, Network network) {
    KeyPair k = KeyPair.fromSeed(new byte[32]);
    Address a = Address.fromPublicKey(k.publicKey());
    return new GenesisConfig(
        name,
        network,
        1_700_000_000_000L,
        List.of(new Validator(k.publicKey(), 1, Tier.FREE, a)),
        List.of(new TxOut(5_000, a)),
        ConsensusParams.defaults());
  }

  static ChainSpec sample() {
    return new ChainSpec(
        genesis("spec-test", Network.TESTNET),
        24100,
        24101,
        List.of(
            new HostPort("203.0.113.7", 24100),
            new HostPort("seed.example.org", 24100),
            new HostPort("2001:db8::1", 24100)));
  }

  @Test
  void roundTripKeepsEveryFieldAndTheGenesisHash() throws Exception {
    ChainSpec spec = sample();
    Path file = dir.resolve("chain-spec.json");
    ChainSpecFile.write(file, spec);
    ChainSpec back = ChainSpecFile.load(file);
    assertThat(back).isEqualTo(spec);
    assertThat(back.genesis().hash()).isEqualTo(spec.genesis().hash());
    assertThat(back.network()).isEqualTo(NetworkName.TESTNET);
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file));
    assertThat(root.get("genesis_hash").asText()).isEqualTo(spec.genesis().hash().toHex());
    assertThat(root.get("chain_id").asText()).isEqualTo(spec.genesis().chainId().toHex());
    assertThat(root.get("seeds").get(2).asText()).isEqualTo("[2001:db8::1]:24100");
  }

  @Test
  void aMainnetSpecIsReadAsMainnet() {
    ChainSpec spec =
        new ChainSpec(genesis("main", Network.MAINNET), 24000, 24001, sample().seeds());
    assertThat(ChainSpecFile.parse(FILE, ChainSpecFile.toJson(spec)).network())
        .isEqualTo(NetworkName.MAINNET);
  }

  static ObjectNode valid() throws Exception {
    return (ObjectNode) JSON.readTree(ChainSpecFile.toJson(sample()));
  }

  static Arguments reject(String why, Consumer<ObjectNode> edit, String message) {
    return Arguments.of(why, edit, message);
  }

  static Stream<Arguments> rejections() {
    String otherHash = "ab".repeat(32);
    return Stream.of(
        reject("unknown field", r -> r.put("seed_nodes", 1), "seed_nodes is not a known field"),
        reject("no version", r -> r.remove("chain_spec_version"), "chain_spec_version is missing"),
        reject("future version", r -> r.put("chain_spec_version", 2), "chain_spec_version is 2"),
        reject("no chain id", r -> r.remove("chain_id"), "chain_id is missing"),
        reject("chain id not hex", r -> r.put("chain_id", "xyz"), "chain_id must be 64 hex"),
        reject(
            "chain id of another chain",
            r -> r.put("chain_id", otherHash),
            "chain_id " + otherHash + " does not match"),
        reject("no network", r -> r.remove("network"), "network is missing"),
        reject("network not a string", r -> r.put("network", 1), "network must be a string"),
        reject(
            "unknown network",
            r -> r.put("network", "devnet"),
            "network must be testnet or mainnet"),
        reject(
            "network not the genesis'",
            r -> r.put("network", "mainnet"),
            "network is mainnet but the genesis is for testnet"),
        reject("no genesis hash", r -> r.remove("genesis_hash"), "genesis_hash is missing"),
        reject(
            "genesis hash of another genesis",
            r -> r.put("genesis_hash", otherHash),
            "genesis_hash " + otherHash + " does not match"),
        reject("no p2p port", r -> r.remove("p2p_port"), "p2p_port is missing"),
        reject(
            "p2p port zero",
            r -> r.put("p2p_port", 0),
            "p2p_port must be an integer from 1 to 65535"),
        reject(
            "rpc port too big",
            r -> r.put("rpc_port", 70000),
            "rpc_port must be an integer from 1 to 65535"),
        reject("rpc port a string", r -> r.put("rpc_port", "24101"), "rpc_port must be an integer"),
        reject("same ports", r -> r.put("rpc_port", 24100), "rpc_port must differ from p2p_port"),
        reject("no seeds", r -> r.remove("seeds"), "seeds is missing"),
        reject("seeds not a list", r -> r.put("seeds", "a:1"), "seeds must be an array"),
        reject("empty seeds", r -> r.putArray("seeds"), "seeds must list at least one"),
        reject(
            "seed not a string",
            r -> r.putArray("seeds").add(5),
            "seeds[0] must be a \"host:port\" string"),
        reject(
            "seed without port",
            r -> r.putArray("seeds").add("seed.example.org"),
            "seeds[0] \"seed.example.org\" must be host:port"),
        reject(
            "seed port zero",
            r -> r.putArray("seeds").add("1.2.3.4:0"),
            "seeds[0] \"1.2.3.4:0\" must be host:port"),
        reject(
            "seed host bad name",
            r -> r.putArray("seeds").add("bad_name!:24100"),
            "seeds[0] host \"bad_name!\" is neither an IP address nor a DNS name"),
        reject(
            "seed host bad ipv4",
            r -> r.putArray("seeds").add("300.1.1.1:24100"),
            "seeds[0] host \"300.1.1.1\" is not a valid IPv4 address"),
        reject(
            "seed host bad ipv6",
            r -> r.putArray("seeds").add("[fe80::zz]:24100"),
            "seeds[0] host \"fe80::zz\" is not a valid IPv6 address"),
        reject(
            "seed twice",
            r -> r.putArray("seeds").add("1.2.3.4:5").add("1.2.3.4:5"),
            "seeds[1] \"1.2.3.4:5\" is listed twice"),
        reject(
            "too many seeds", ChainSpecFileTest::manySeeds, "seeds lists 257 entries; at most 256"),
        reject("no genesis", r -> r.remove("genesis"), "genesis is missing"),
        reject("genesis not an object", r -> r.put("genesis", "x"), "genesis must be an object"),
        reject(
            "genesis with a bad field",
            r -> ((ObjectNode) r.get("genesis")).put("timestamp", -1),
            "genesis.timestamp must be an integer"),
        reject(
            "genesis validator key",
            r -> ((ObjectNode) r.get("genesis").get("validators").get(0)).put("public_key", "00"),
            "genesis.validators[0].public_key must be 64 hex"),
        reject(
            "genesis edited",
            r -> ((ObjectNode) r.get("genesis")).put("timestamp", 1),
            "genesis_hash"),
        reject("not an object", r -> {}, null));
  }

  static void manySeeds(ObjectNode r) {
    var seeds = r.putArray("seeds");
    for (int i = 0; i < 257; i++) {
      seeds.add("10.0." + (i / 256) + "." + (i % 256) + ":24100");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejections")
  void everyFieldIsCheckedAndTheErrorNamesIt(String why, Consumer<ObjectNode> edit, String message)
      throws Exception {
    String text;
    if (message == null) {
      text = "[1, 2]";
      message = "the file must hold a JSON object";
    } else {
      ObjectNode root = valid();
      edit.accept(root);
      text = JSON.writeValueAsString(root);
    }
    String expected = message;
    assertThatThrownBy(() -> ChainSpecFile.parse(FILE, text))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("spec.json: ")
        .hasMessageContaining(expected);
  }

  @Test
  void notJsonAndAnOversizeFileAreRefused() throws Exception {
    assertThatThrownBy(() -> ChainSpecFile.parse(FILE, "{nope"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid JSON");
    Path big = dir.resolve("big.json");
    try (var ch =
        java.nio.channels.FileChannel.open(
            big, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      ch.position(ChainSpecFile.MAX_BYTES).write(java.nio.ByteBuffer.wrap(new byte[] {' '}));
    }
    assertThatThrownBy(() -> ChainSpecFile.load(big))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exceeds the limit");
    assertThatThrownBy(() -> ChainSpecFile.load(dir.resolve("absent.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read chain spec");
  }
}
