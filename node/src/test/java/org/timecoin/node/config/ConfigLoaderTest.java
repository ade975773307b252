package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.node.mempool.MempoolPolicy;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void missingFileIsWrittenWithCommentedDefaultsAndLoadsBackAsDefaults() throws Exception {
    Path file = dir.resolve("config.toml");
    NodeConfig loaded = ConfigLoader.loadOrCreate(file, NetworkName.TESTNET);

    assertThat(file).exists();
    String text = Files.readString(file);
    assertThat(text).contains("# ", "[node]", "[network]", "[rpc]", "[storage]", "[consensus]");
    assertThat(text).contains("[block]", "[logging]", "[masternode]", "[security]", "[sync]");
    assertThat(loaded).isEqualTo(NodeConfig.defaults(dir.toAbsolutePath(), NetworkName.TESTNET));
  }

  @Test
  void testnetDefaults() {
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), "");
    assertThat(c.network().port()).isEqualTo(24100);
    assertThat(c.rpc().port()).isEqualTo(24101);
    assertThat(c.rpc().bindAddress()).isEqualTo("127.0.0.1");
    assertThat(c.consensus().timeoutPropose()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.consensus().timeoutDelta()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.consensus().maxRoundTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.block().blockInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.block().emptyBlockInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.masternode().enabled()).isFalse();
  }

  @Test
  void mainnetChangesDefaultPortsButKeepsExplicitOnes() {
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), "[node]\nnetwork = \"mainnet\"\n");
    assertThat(c.network().port()).isEqualTo(24000);
    assertThat(c.rpc().port()).isEqualTo(24001);

    NodeConfig d =
        ConfigLoader.parse(
            dir.resolve("c.toml"), "[node]\nnetwork = \"mainnet\"\n[rpc]\nport = 9000\n");
    assertThat(d.rpc().port()).isEqualTo(9000);
  }

  @Test
  void readsEveryKindOfValue() {
    String toml =
        """
        [network]
        bootstrap_peers = ["10.0.0.1:24100", "[::1]:24100"]
        ping_interval_ms = 1000
        peer_timeout_ms = 3000
        [storage]
        cache_bytes = 1048576
        [masternode]
        enabled = true
        [logging]
        level = "DEBUG"
        """;
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), toml);
    assertThat(c.network().bootstrapPeers()).containsExactly("10.0.0.1:24100", "[::1]:24100");
    assertThat(c.network().pingInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.storage().cacheBytes()).isEqualTo(1_048_576);
    assertThat(c.masternode().enabled()).isTrue();
    assertThat(c.logging().level()).isEqualTo("debug");
  }

  @Test
  void rpcSecurityKeysAreReadAndWrittenWithoutAnyPassword() throws Exception {
    RpcAuthEntry alice = RpcAuthEntry.create("alice", "wonderland", new SecureRandom());
    RpcAuthEntry bob = RpcAuthEntry.create("bob", "builder", new SecureRandom());
    String toml =
        "[rpc]\nauth = [\""
            + alice.text()
            + "\", \""
            + bob.text()
            + "\"]\nread_only_users = [\"bob\"]\n"
            + "allowed_origins = [\"https://wallet.example\"]\nallowed_hosts = [\"node.example:8080\"]\n"
            + "max_batch = 5\nmax_json_depth = 10\nidle_timeout_ms = 1000\nwork_queue = 3\n"
            + "max_finality_waiters = 7\n";
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), toml);
    assertThat(c.rpc().auth()).containsExactly(alice, bob);
    assertThat(c.rpc().readOnly("bob")).isTrue();
    assertThat(c.rpc().readOnly("alice")).isFalse();
    assertThat(c.rpc().auth().get(0).matches("wonderland")).isTrue();
    assertThat(c.rpc().auth().get(0).matches("wonderland2")).isFalse();
    assertThat(c.rpc().allowedOrigins()).containsExactly("https://wallet.example");
    assertThat(c.rpc().allowedHosts()).containsExactly("node.example:8080");
    assertThat(c.rpc().maxBatch()).isEqualTo(5);
    assertThat(c.rpc().maxJsonDepth()).isEqualTo(10);
    assertThat(c.rpc().idleTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.rpc().workQueue()).isEqualTo(3);
    assertThat(c.rpc().maxFinalityWaiters()).isEqualTo(7);
    Path file = dir.resolve("written.toml");
    ConfigLoader.write(file, c);
    assertThat(Files.readString(file)).doesNotContain("wonderland", "builder");
    assertThat(ConfigLoader.load(file).rpc()).isEqualTo(c.rpc());
  }

  @Test
  void rpcDefaultsAreSafe() {
    RpcSection d = RpcSection.defaults(NetworkName.TESTNET);
    assertThat(d.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(d.auth()).isEmpty();
    assertThat(d.allowedOrigins()).isEmpty();
    assertThat(d.maxBatch()).isEqualTo(100);
  }

  @Test
  void walletSectionDefaultsToAnEncryptedWalletInTheDataDirectory() {
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), "");
    assertThat(c.wallet().encrypted()).isTrue();
    assertThat(c.walletFile()).isEqualTo(c.dataDir().resolve("wallet.dat"));
    NodeConfig plain =
        ConfigLoader.parse(
            dir.resolve("c.toml"), "[wallet]\nencrypted = false\nfile = \"keys/w.dat\"\n");
    assertThat(plain.wallet().encrypted()).isFalse();
    assertThat(plain.walletFile()).isEqualTo(c.dataDir().resolve("keys/w.dat"));
    assertThat(ConfigLoader.parse(dir.resolve("c.toml"), plain.toToml()).wallet())
        .isEqualTo(plain.wallet());
    assertThatThrownBy(
            () -> ConfigLoader.parse(dir.resolve("c.toml"), "[wallet]\nencrypted = \"no\"\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("encrypted");
    assertThatThrownBy(
            () -> ConfigLoader.parse(dir.resolve("c.toml"), "[wallet]\npassphrase = \"x\"\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("passphrase");
  }

  @Test
  void relativePathsResolveAgainstTheConfigDirectory() {
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), "[node]\ndata_dir = \"chain\"\n");
    assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("chain"));
    assertThat(c.keyFile()).isEqualTo(dir.toAbsolutePath().resolve("node.key"));
  }

  @Test
  void peerSourceLimitsAndSendStallAreReadAndWritten() {
    NodeConfig c =
        ConfigLoader.parse(
            dir.resolve("c.toml"),
            "[security]\nmax_inbound_per_ip = 3\nmax_inbound_per_subnet = 5\n"
                + "peer_send_stall_ms = 2500\n");
    assertThat(c.security().maxInboundPerIp()).isEqualTo(3);
    assertThat(c.security().maxInboundPerSubnet()).isEqualTo(5);
    assertThat(c.security().peerSendStall()).isEqualTo(Duration.ofMillis(2500));
    Path file = dir.resolve("written.toml");
    ConfigLoader.write(file, c);
    assertThat(ConfigLoader.load(file).security()).isEqualTo(c.security());
  }

  @Test
  void frameCompressionIsOnByDefaultAndCanBeSwitchedOff() {
    assertThat(ConfigLoader.parse(dir.resolve("c.toml"), "").network().compression()).isTrue();
    NodeConfig off = ConfigLoader.parse(dir.resolve("c.toml"), "[network]\ncompression = false\n");
    assertThat(off.network().compression()).isFalse();
    Path file = dir.resolve("written.toml");
    ConfigLoader.write(file, off);
    assertThat(ConfigLoader.load(file).network().compression()).isFalse();
  }

  @Test
  void roundTripOfNonDefaultConfig() {
    NodeConfig c =
        NodeConfig.defaults(dir.toAbsolutePath(), NetworkName.MAINNET)
            .withNetwork(
                new NetworkSection(
                    "127.0.0.1",
                    1234,
                    List.of("a:1"),
                    2,
                    3,
                    Duration.ofMillis(200),
                    Duration.ofMillis(500),
                    65536,
                    true,
                    false))
            .withMasternode(
                new MasternodeSection(
                    true,
                    "operator.key",
                    org.timecoin.domain.tx.Address.ofPayload(new byte[20])
                        .toText(org.timecoin.domain.tx.Network.MAINNET)))
            .withSync(new SyncSection(Duration.ofMillis(1500), 4096, 8))
            .withStorage(new StorageSection(64 * NodeSection.MIB, false));
    Path file = dir.resolve("c.toml");
    ConfigLoader.write(file, c);
    assertThat(ConfigLoader.load(file)).isEqualTo(c);
  }

  @Test
  void feeRateBudgetsAndSyncWritesHaveDocumentedDefaults() {
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), "");
    assertThat(c.node().mempoolPolicy())
        .isEqualTo(
            new MempoolPolicy(
                50_000,
                256L << 20,
                MempoolPolicy.DEFAULT_MIN_FEE_RATE,
                MempoolPolicy.DEFAULT_TARGET_WAIT));
    assertThat(
            ConfigLoader.parse(dir.resolve("c.toml"), "[node]\nmempool_target_wait_ms = 0\n")
                .node()
                .mempoolPolicy()
                .targetWait())
        .isZero();
    assertThat(c.security().peerTxBytesPerSecond()).isEqualTo(8L << 20);
    assertThat(c.security().peerTxInputsPerSecond()).isEqualTo(40_000);
    assertThat(c.storage().syncWrites()).isTrue();
    assertThat(c.storage().storeConfig(dir).rocks().syncWrites()).isTrue();

    String template = NodeConfig.defaults(dir, NetworkName.TESTNET).toToml();
    assertThat(template)
        .contains("mempool_min_fee_rate = " + MempoolPolicy.DEFAULT_MIN_FEE_RATE + "\n")
        .contains("mempool_target_wait_ms = 1000\n")
        .contains("# Least fee a transaction must pay per byte")
        .contains("peer_tx_bytes_per_second = " + (8L << 20) + "\n")
        .contains("peer_tx_inputs_per_second = 40000\n")
        .contains("# Bytes of transactions a peer may relay per second")
        .contains("# Transaction inputs a peer may relay per second")
        .contains("sync_writes = true\n");
  }

  @Test
  void feeRateBudgetsAndSyncWritesAreRead() {
    String toml =
        """
        [node]
        mempool_min_fee_rate = 25
        [security]
        peer_tx_bytes_per_second = 2097152
        peer_tx_inputs_per_second = 12000
        [storage]
        sync_writes = false
        """;
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), toml);
    assertThat(c.node().mempoolPolicy().minFeeRate()).isEqualTo(25);
    assertThat(c.security().peerTxBytesPerSecond()).isEqualTo(2_097_152);
    assertThat(c.security().peerTxInputsPerSecond()).isEqualTo(12_000);
    assertThat(c.storage().storeConfig(dir.resolve("db")).rocks().syncWrites())
        .as("reaches the RocksDB settings")
        .isFalse();
    assertThat(c.storage().storeConfig(dir.resolve("db")).utxoCacheBytes())
        .isEqualTo(c.storage().cacheBytes());
  }

  @Test
  void roundTimeoutGrowsByDeltaAndIsCapped() {
    ConsensusSection c = ConsensusSection.defaults();
    assertThat(c.forRound(c.timeoutPropose(), 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.forRound(c.timeoutPropose(), 2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.forRound(c.timeoutPropose(), 10_000)).isEqualTo(Duration.ofSeconds(30));
  }

  /** Each row: the TOML text ('|' for newlines), then fragments the error message must contain. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "[node|x = 1; not valid TOML;",
        "[nodes]; unknown section or top-level key 'nodes';",
        "port = 1; unknown section or top-level key 'port';",
        "node = 3; [node] must be a table;",
        "[rpc]|prot = 24101; [rpc] unknown key 'prot'; allowed keys",
        "[rpc]|port = \"24101\"; [rpc] port = \"24101\"; must be an integer between 1 and 65535",
        "[rpc]|port = 70000; [rpc] port = 70000; out of range: allowed 1 to 65535",
        "[network]|port = 0; [network] port = 0; out of range",
        "[rpc]|port = 1.5; [rpc] port = 1.5; must be an integer",
        "[rpc]|enabled = \"yes\"; [rpc] enabled; must be true or false",
        "[rpc]|bind_address = 127; [rpc] bind_address; must be a string",
        "[rpc]|bind_address = \"\"; [rpc] bind_address must not be empty;",
        "[rpc]|auth = \"alice:00112233445566778899aabbccddeeff$abababababababababababababababababababababababababababababababab\"; [rpc] auth; array of strings",
        "[rpc]|auth = [\"alice\"]; [rpc] auth entry 1; user:salt$hash",
        "[rpc]|auth = [\"al ice:00112233445566778899aabbccddeeff$abababababababababababababababababababababababababababababababab\"]; [rpc] auth entry 1; user name",
        "[rpc]|auth = [\"alice:xyz$abababababababababababababababababababababababababababababababab\"]; [rpc] auth entry 1; salt must be",
        "[rpc]|auth = [\"alice:00112233445566778899aabbccddeeff$abc\"]; [rpc] auth entry 1; hash must be 64 hex",
        "[rpc]|auth = [\"__cookie__:00112233445566778899aabbccddeeff$abababababababababababababababababababababababababababababababab\"]; [rpc] auth entry 1; reserved",
        "[rpc]|auth = [\"a:00112233445566778899aabbccddeeff$abababababababababababababababababababababababababababababababab\", \"a:00112233445566778899aabbccddeeff$abababababababababababababababababababababababababababababababab\"]; [rpc] auth; names user 'a' twice",
        "[rpc]|read_only_users = [\"bob\"]; [rpc] read_only_users; not a user of auth",
        "[rpc]|allowed_origins = [\"evil\"]; [rpc] allowed_origins; not an origin",
        "[rpc]|allowed_origins = [\"http://a.example/path\"]; [rpc] allowed_origins; not an origin",
        "[rpc]|allowed_hosts = [\"a/b\"]; [rpc] allowed_hosts; host name",
        "[rpc]|max_batch = 0; [rpc] max_batch = 0; out of range",
        "[rpc]|max_json_depth = 1; [rpc] max_json_depth = 1; out of range",
        "[rpc]|max_string_length = 10; [rpc] max_string_length = 10; out of range",
        "[rpc]|max_response_bytes = 10; [rpc] max_response_bytes = 10; out of range",
        "[rpc]|idle_timeout_ms = 5; [rpc] idle_timeout_ms; out of range",
        "[rpc]|worker_threads = 0; [rpc] worker_threads = 0; out of range",
        "[rpc]|work_queue = 0; [rpc] work_queue = 0; out of range",
        "[rpc]|auth_failures_per_minute = 0; [rpc] auth_failures_per_minute; out of range",
        "[rpc]|max_finality_waiters = 0; [rpc] max_finality_waiters = 0; out of range",
        "[rpc]|max_finality_waiters_per_txid = 0; [rpc] max_finality_waiters_per_txid; out of range",
        "[rpc]|max_finality_waiters_per_connection = 0; [rpc] max_finality_waiters_per_connection; out of range",
        "[node]|network = \"moonnet\"; [node] network; must be one of [mainnet, testnet]",
        "[consensus]|timeout_propose_ms = -5; [consensus] timeout_propose_ms = -5; out of range",
        "[consensus]|timeout_delta_ms = -1; [consensus] timeout_delta_ms = -1; out of range",
        "[consensus]|max_round_timeout_ms = 10|timeout_prevote_ms = 20; max_round_timeout_ms; at least",
        "[block]|empty_block_interval_ms = 10|block_interval_ms = 20; empty_block_interval_ms; at least",
        "[network]|ping_interval_ms = 5000|peer_timeout_ms = 5000; peer_timeout_ms; greater than",
        "[network]|bootstrap_peers = \"a:1\"; bootstrap_peers; array of strings",
        "[network]|bootstrap_peers = [1]; bootstrap_peers; array of strings",
        "[network]|bootstrap_peers = [\"nohost\"]; bootstrap_peers; host:port",
        "[network]|bootstrap_peers = [\"h:99999\"]; bootstrap_peers; host:port",
        "[node]|mempool_max_txs = 0; [node] mempool_max_txs = 0; out of range",
        "[storage]|cache_bytes = 10; [storage] cache_bytes = 10; out of range",
        "[logging]|level = \"loud\"; [logging] level; must be one of",
        "[security]|ban_duration_ms = -1; [security] ban_duration_ms; out of range",
        "[node]|mempool_min_fee_rate = -1; [node] mempool_min_fee_rate = -1; out of range",
        "[node]|mempool_target_wait_ms = -5; [node] mempool_target_wait_ms = -5; out of range",
        "[security]|peer_tx_bytes_per_second = 65536; [security] peer_tx_bytes_per_second; out of range",
        "[security]|peer_tx_inputs_per_second = 100; [security] peer_tx_inputs_per_second; out of range",
        "[storage]|sync_writes = 1; [storage] sync_writes; must be true or false",
        "[network]|compression = \"lz4\"; [network] compression; must be true or false",
        "[security]|max_inbound_per_ip = 0; [security] max_inbound_per_ip = 0; out of range",
        "[security]|max_inbound_per_subnet = 0; [security] max_inbound_per_subnet; out of range",
        "[security]|peer_send_stall_ms = 5; [security] peer_send_stall_ms; out of range",
        "[sync]|range_deadline_ms = 0; [sync] range_deadline_ms = 0; out of range",
        "[sync]|max_range_blocks = 129; [sync] max_range_blocks = 129; out of range",
      })
  void rejectsBadValuesNamingFileKeyAndWhatIsAllowed(String toml, String f1, String f2) {
    Path file = dir.resolve("bad.toml");
    assertThatThrownBy(() -> ConfigLoader.parse(file, toml.replace('|', '\n')))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(f1)
        .hasMessageContaining(f2 == null ? "" : f2);
  }

  @Test
  void unreadableFileIsAClearError() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.toml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.toml: cannot read");
  }
}
