package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.TimeCli;
import org.timecoin.rpc.methods.RpcMethods;

/** The wallet key methods through the real HTTP server and through time-cli. */
class WalletRpcServerTest {
  @TempDir Path dir;
  private RpcServerFixture server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    FakeNode node = new FakeNode();
    server =
        RpcServerFixture.start(
            RpcServerFixture.section(),
            8,
            new JsonRpcDispatcher(RpcMethods.all(node, node, node, TestWallet.absent(dir))));
    uri = server.uri;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aWalletIsCreatedEncryptedUnlockedAndLockedOverHttp() throws Exception {
    RpcClient rpc = server.client("alice", "wonderland");
    assertThatThrownBy(() -> rpc.call("getwalletinfo"))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class, e -> assertThat(e.code()).isEqualTo(-18));
    rpc.call("encryptwallet", "correct horse battery");
    String address = rpc.call("getnewaddress", "donations").asText();
    assertThatThrownBy(() -> rpc.call("dumpprivkey", address))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class, e -> assertThat(e.code()).isEqualTo(-13));
    assertThatThrownBy(() -> rpc.call("walletpassphrase", "wrong", 30))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class,
            e -> {
              assertThat(e.code()).isEqualTo(-14);
              assertThat(e.getMessage()).contains("wrong passphrase").doesNotContain("Exception");
            });
    rpc.call("walletpassphrase", "correct horse battery", 30);
    assertThat(rpc.call("dumpprivkey", address).asText()).startsWith("TIMEKEY");
    rpc.call("walletlock");
    assertThat(rpc.call("getwalletinfo").get("locked").asBoolean()).isTrue();

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TimeCli.run(
            new String[] {
              "--rpc-url",
              uri.toString(),
              "--rpc-user",
              "alice",
              "--rpc-password",
              "wonderland",
              "list-addresses"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains(address, "donations");
    code =
        TimeCli.run(
            new String[] {
              "--rpc-url",
              uri.toString(),
              "--rpc-user",
              "alice",
              "--rpc-password",
              "wonderland",
              "dump-priv-key",
              address
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("error code -13", "walletpassphrase");
  }
}
