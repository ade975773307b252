package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.PrivateKeyText;
import org.timecoin.node.TimeNode;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.rpc.cli.RpcClient;

/**
 * The wallet of a real node over its JSON-RPC port: a devnet validator's wallet holds its node key,
 * is encrypted over RPC, and opens encrypted and locked with the same addresses after a restart.
 */
class WalletRpcIT {
  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  /** A client with the cookie node 0 wrote at its latest start. */
  private RpcClient rpc(TimeNode node) throws java.io.IOException {
    return new RpcClient(
        URI.create("http://127.0.0.1:" + node.rpcAddress().orElseThrow().getPort() + "/"),
        org.timecoin.rpc.cli.RpcCredentials.fromCookie(net.rpcCookie(0)));
  }

  @Test
  void theWalletIsServedEncryptedOverRpcAndSurvivesARestart() throws Exception {
    net =
        LocalDevnet.create(
            dir,
            1,
            DevnetRpcIT.freeRun(4),
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            List.of(),
            Clock.SYSTEM);
    TimeNode node = net.start(0);
    RpcClient rpc = rpc(node);
    String validator = Address.fromPublicKey(node.key().publicKey()).toText(Network.TESTNET);

    JsonNode info = rpc.call("getwalletinfo");
    assertThat(info.get("encrypted").asBoolean()).isFalse();
    assertThat(info.get("keys").asInt()).isEqualTo(1);
    assertThat(rpc.call("listaddresses").get(0).get("address").asText()).isEqualTo(validator);
    String key = rpc.call("dumpprivkey", validator).asText();
    assertThat(PrivateKeyText.decode(key, Network.TESTNET).publicKey())
        .isEqualTo(node.key().publicKey());
    String second = rpc.call("getnewaddress", "second").asText();
    assertThat(node.wallet().owns(Address.parse(second))).isTrue();

    rpc.call("encryptwallet", "a long passphrase");
    assertThatThrownBy(() -> rpc.call("dumpprivkey", validator))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class, e -> assertThat(e.code()).isEqualTo(-13));

    net.stop(0);
    RpcClient again = rpc(net.start(0));
    info = again.call("getwalletinfo");
    assertThat(info.get("encrypted").asBoolean()).isTrue();
    assertThat(info.get("locked").asBoolean()).isTrue();
    assertThat(info.get("keys").asInt()).isEqualTo(2);
    assertThat(again.call("listaddresses").get(1).get("address").asText()).isEqualTo(second);
    again.call("walletpassphrase", "a long passphrase", 60);
    assertThat(again.call("dumpprivkey", validator).asText()).isEqualTo(key);
    Path backup = dir.resolve("wallet-backup.dat");
    again.call("backupwallet", backup.toString());
    assertThat(Files.readAllBytes(backup))
        .isEqualTo(Files.readAllBytes(net.config(0).walletFile()));
  }
}
