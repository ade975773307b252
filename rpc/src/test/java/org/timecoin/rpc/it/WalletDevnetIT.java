package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.RpcCredentials;

/**
 * Wallets on a real four-validator devnet, driven over JSON-RPC: node 0's wallet holds genesis
 * allocations, pays node 1's wallet, merges its small coins, and refuses what it cannot do.
 */
class WalletDevnetIT {
  static final long TIME = Amounts.UNITS_PER_TIME;

  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  static RpcClient rpc(LocalDevnet net, int i) throws java.io.IOException {
    return new RpcClient(
        URI.create("http://127.0.0.1:" + net.node(i).rpcAddress().orElseThrow().getPort() + "/"),
        RpcCredentials.fromCookie(net.rpcCookie(i)));
  }

  static int code(ThrowingCall call) {
    try {
      call.run();
    } catch (RpcClient.RpcCallException e) {
      return e.code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("the call succeeded");
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aWalletPaysAnotherMergesItsSmallCoinsAndRefusesWhatItCannotDo() throws Exception {
    SecureRandom random = new SecureRandom();
    KeyPair main = KeyPair.generate(random);
    KeyPair small = KeyPair.generate(random);
    KeyPair receiver = KeyPair.generate(random);
    Address mainAddr = Address.fromPublicKey(main.publicKey());
    List<TxOut> allocations = new ArrayList<>();
    allocations.add(new TxOut(1_000 * TIME, mainAddr));
    for (int i = 0; i < 50; i++) {
      allocations.add(new TxOut(TIME, Address.fromPublicKey(small.publicKey())));
    }
    net =
        LocalDevnet.create(
            dir,
            4,
            DevnetRpcIT.freeRun(10),
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            allocations,
            Clock.SYSTEM);
    TestKeyRing payerKeys = new TestKeyRing(main, small);
    net.useKeyRing(0, payerKeys);
    net.useKeyRing(1, new TestKeyRing(receiver));
    net.startAll();
    RpcClient payer = rpc(net, 0);
    RpcClient payee = rpc(net, 1);
    Network network = net.genesis().network();
    String to = Address.fromPublicKey(receiver.publicKey()).toText(network);

    assertThat(payer.call("getbalance").asLong()).isEqualTo(1_050 * TIME);
    assertThat(payer.call("listunspent")).hasSize(51);
    assertThat(payee.call("getbalance").asLong()).isZero();
    await().atMost(Duration.ofSeconds(60)).until(() -> payer.call("getblockcount").asLong() >= 1);

    String txid = payer.call("sendtoaddress", to, new BigDecimal("12.5")).asText();
    assertThat(payer.call("waittransactionfinality", txid, 60).get("finalized").asBoolean())
        .isTrue();
    JsonNode sent = payer.call("gettransaction", txid);
    assertThat(sent.get("state").asText()).isEqualTo("final");
    assertThat(sent.get("confirmations").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(sent.get("blockhash").asText()).hasSize(64);
    long fee = sent.get("fee").asLong();
    assertThat(fee).isGreaterThanOrEqualTo(1_000);
    assertThat(sent.get("amount").asLong()).isEqualTo(-(1_250_000_000L + fee));
    assertThat(payer.call("getbalance").asLong()).isEqualTo(1_050 * TIME - 1_250_000_000L - fee);

    await().atMost(Duration.ofSeconds(30)).until(() -> payee.call("getbalance").asLong() > 0);
    assertThat(payee.call("getbalance").asLong()).isEqualTo(1_250_000_000L);
    assertThat(payee.call("getbalance", to).asLong()).isEqualTo(1_250_000_000L);
    assertThat(payee.call("gettransaction", txid).get("amount").asLong()).isEqualTo(1_250_000_000L);

    JsonNode merged = payer.call("mergeutxos", 50, 50);
    assertThat(merged.get("merged").asInt()).isEqualTo(50);
    String mergeTxid = merged.get("txid").asText();
    assertThat(payer.call("waittransactionfinality", mergeTxid, 60).get("finalized").asBoolean())
        .isTrue();
    JsonNode mergeTx = payer.call("gettransaction", mergeTxid);
    assertThat(mergeTx.get("state").asText()).isEqualTo("final");
    assertThat(payer.call("listunspent")).hasSize(2);
    JsonNode onMain = payer.call("listunspent", 1, 9_999_999, List.of(mainAddr.toText(network)));
    assertThat(onMain).hasSize(2);
    assertThat(onMain.get(0).get("amount").asLong())
        .isEqualTo(50 * TIME - mergeTx.get("fee").asLong());
    JsonNode history = payer.call("listtransactions", 10);
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("txid").asText()).isEqualTo(txid);
    assertThat(history.get(1).get("txid").asText()).isEqualTo(mergeTxid);

    RpcClient.RpcCallException tooMuch =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            RpcClient.RpcCallException.class, () -> payer.call("sendtoaddress", to, 5_000));
    assertThat(tooMuch.code()).isEqualTo(-6);
    assertThat(tooMuch.getMessage())
        .contains("insufficient funds")
        .contains("available")
        .contains("needed 5005");
    String mainnet = Address.fromPublicKey(receiver.publicKey()).toText(Network.MAINNET);
    assertThat(code(() -> payer.call("sendtoaddress", mainnet, 1))).isEqualTo(-5);
    assertThat(code(() -> payer.call("sendtoaddress", to, new BigDecimal("0.000000001"))))
        .isEqualTo(-32602);
    payerKeys.locked = true;
    assertThat(code(() -> payer.call("sendtoaddress", to, 1))).isEqualTo(-13);
    payerKeys.locked = false;
    assertThatThrownBy(() -> payer.call("gettransaction", "00".repeat(32)))
        .isInstanceOf(RpcClient.RpcCallException.class);

    // After a restart the coins are found again and the history is read back from the data dir.
    long balance = payer.call("getbalance").asLong();
    net.stop(0);
    net.start(0);
    RpcClient again = rpc(net, 0);
    assertThat(again.call("getbalance").asLong()).isEqualTo(balance);
    assertThat(again.call("gettransaction", txid).get("state").asText()).isEqualTo("final");
    assertThat(again.call("gettransaction", mergeTxid).get("blockheight").asLong())
        .isEqualTo(mergeTx.get("blockheight").asLong());
  }
}
