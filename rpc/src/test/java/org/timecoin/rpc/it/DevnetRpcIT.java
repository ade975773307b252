package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.TimeNode;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.RpcCredentials;

/** A real four-validator devnet on 127.0.0.1, queried and fed over JSON-RPC. */
class DevnetRpcIT {
  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  static int freeRun(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 10_000 + (int) (Math.random() * 20_000);
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no free ports");
  }

  @Test
  void everyMethodAnswersOnARunningNodeAndATransferIsFinalized() throws Exception {
    long startedMs = System.currentTimeMillis();
    net =
        LocalDevnet.create(
            dir,
            4,
            freeRun(10),
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            List.of(),
            Clock.SYSTEM);
    net.startAll();
    TimeNode node = net.node(1);
    RpcClient rpc =
        new RpcClient(
            URI.create("http://127.0.0.1:" + node.rpcAddress().orElseThrow().getPort() + "/"),
            RpcCredentials.fromCookie(net.rpcCookie(1)));
    await().atMost(Duration.ofSeconds(60)).until(() -> rpc.call("getblockcount").asLong() >= 2);

    JsonNode info = rpc.call("getblockchaininfo");
    assertThat(info.get("chain").asText()).isEqualTo("testnet");
    assertThat(info.get("validators").asInt()).isEqualTo(4);
    JsonNode block = rpc.call("getblock", 1, 2);
    assertThat(block.get("height").asLong()).isEqualTo(1);
    // stored since the node's start: it says when, by its own clock
    assertThat(block.get("stored_at_ms").asLong()).isBetween(startedMs, System.currentTimeMillis());
    assertThat(rpc.call("getblock", block.get("hash").asText()).get("height").asLong())
        .isEqualTo(1);
    assertThat(rpc.call("getbestblockhash").asText()).hasSize(64);
    String raw = rpc.call("getblock", 1, 0).asText();
    assertThat(Block.CODEC.decode(HexFormat.of().parseHex(raw)).hash().toHex())
        .isEqualTo(block.get("hash").asText());
    await().atMost(Duration.ofSeconds(30)).until(() -> rpc.call("getpeerinfo").size() == 3);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rpc.call("getblockchaininfo").get("sync_state").asText().equals("following"));
    assertThat(rpc.call("help").asText()).contains("getblock <hash|height> [verbosity=1]");
    assertThat(rpc.call("getconsensusinfo").get("validators").asInt()).isEqualTo(4);
    assertThat(rpc.call("getmempoolinfo").get("size").asInt()).isGreaterThanOrEqualTo(0);
    assertThat(rpc.call("gettxoutsetinfo").get("txouts").asLong()).isGreaterThanOrEqualTo(4);
    assertThat(rpc.call("uptime").asLong()).isGreaterThanOrEqualTo(0);

    // validator 0's genesis allocation pays validator 1
    GenesisConfig g = net.genesis();
    KeyPair v0 = net.node(0).key();
    Utxo coin =
        g.genesisUtxos().stream()
            .filter(u -> u.address().equals(Address.fromPublicKey(v0.publicKey())))
            .findFirst()
            .orElseThrow();
    Transaction tx =
        new TxBuilder()
            .input(coin.outPoint(), v0)
            .output(Amounts.ofTime(1_000), Address.fromPublicKey(node.key().publicKey()))
            .output(coin.amount() - Amounts.ofTime(3_000), Address.fromPublicKey(v0.publicKey()))
            .sign(g.chainId());
    String hex = HexFormat.of().formatHex(Transaction.CODEC.encode(tx));
    assertThat(rpc.call("sendrawtransaction", hex).asText()).isEqualTo(tx.txid().toHex());
    JsonNode waited = rpc.call("waittransactionfinality", tx.txid().toHex(), 60);
    assertThat(waited.get("finalized").asBoolean()).isTrue();
    assertThatThrownBy(() -> rpc.call("sendrawtransaction", hex))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class, e -> assertThat(e.code()).isEqualTo(-26));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                net.running().stream()
                    .allMatch(n -> n.chain().store().blocks().txLocation(tx.txid()).isPresent()));
    JsonNode check =
        rpc.call("validateaddress", Address.fromPublicKey(v0.publicKey()).toText(g.network()));
    assertThat(check.get("isvalid").asBoolean()).isTrue();
    JsonNode mainnet =
        rpc.call(
            "validateaddress",
            Address.fromPublicKey(v0.publicKey()).toText(org.timecoin.domain.tx.Network.MAINNET));
    assertThat(mainnet.get("isvalid").asBoolean()).isFalse();
    assertThat(mainnet.get("network").asText()).isEqualTo("mainnet");
    assertThat(rpc.call("getrawmempool").isArray()).isTrue();
    assertThat(rpc.call("getrawtransaction", tx.txid().toHex()).asText()).isEqualTo(hex);
    JsonNode finality = rpc.call("gettransactionfinality", tx.txid().toHex());
    assertThat(finality.get("finalized").asBoolean()).isTrue();
    assertThat(finality.get("confirmations").asLong()).isGreaterThanOrEqualTo(1);
    String payee = Address.fromPublicKey(node.key().publicKey()).toText(g.network());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> rpc.call("listunspent", payee).size() >= 2); // genesis allocation + the transfer
    assertThat(rpc.call("getbalance", payee).asLong())
        .isGreaterThanOrEqualTo(Amounts.ofTime(1_000));
    assertThat(rpc.call("masternodelist")).hasSize(4);
    assertThat(rpc.call("getnetworkinfo").get("connections").asInt()).isEqualTo(3);
  }

  /** The door of a real node: its cookie, 401 without it, strict numbers, and a clean stop. */
  @Test
  void aRealNodeDemandsItsCookieAndRemovesItOnStop() throws Exception {
    net =
        LocalDevnet.create(
            dir,
            1,
            freeRun(4),
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            List.of(),
            Clock.SYSTEM);
    net.startAll();
    Path cookie = net.rpcCookie(0);
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(cookie)))
        .isEqualTo("rw-------");
    URI uri =
        URI.create("http://127.0.0.1:" + net.node(0).rpcAddress().orElseThrow().getPort() + "/");
    assertThatThrownBy(() -> new RpcClient(uri).call("getblockcount"))
        .isInstanceOf(RpcClient.RpcAuthException.class);
    assertThatThrownBy(
            () ->
                new RpcClient(uri, new RpcCredentials("__cookie__", "0".repeat(64)))
                    .call("getblockcount"))
        .isInstanceOf(RpcClient.RpcAuthException.class);
    RpcClient rpc = new RpcClient(uri, RpcCredentials.fromCookie(cookie));
    await().atMost(Duration.ofSeconds(60)).until(() -> rpc.call("getblockcount").asLong() >= 1);
    assertThatThrownBy(() -> rpc.call("getblock", new java.math.BigInteger("18446744073709551617")))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class, e -> assertThat(e.code()).isEqualTo(-32602));
    String secret = RpcCredentials.fromCookie(cookie).password();
    net.stop(0);
    assertThat(cookie).doesNotExist();
    net.start(0);
    assertThat(RpcCredentials.fromCookie(cookie).password()).isNotEqualTo(secret);
  }
}
