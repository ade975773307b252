package org.timecoin.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.api.WalletService.RawInput;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.server.JsonRpcDispatcher;
import org.timecoin.rpc.server.RpcErrorCodes;

/**
 * The wallet methods through the real dispatcher, so amounts are parsed as the server reads them.
 */
class WalletSpendMethodsTest {
  final FakeNode node = new FakeNode();
  final JsonRpcDispatcher rpc =
      new JsonRpcDispatcher(
          RpcMethods.all(
              node, node, node, TestWallet.absent(Path.of("no-wallet-here")), node.wallet));
  final ObjectMapper mapper = new ObjectMapper();

  JsonNode call(String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    return mapper.readTree(rpc.handle(body.getBytes(StandardCharsets.UTF_8)));
  }

  JsonNode result(String method, String params) throws Exception {
    JsonNode r = call(method, params);
    assertThat(r.get("error")).as("error of %s", r).isNull();
    return r.get("result");
  }

  int errorCode(String method, String params) throws Exception {
    JsonNode r = call(method, params);
    assertThat(r.get("error")).as("%s %s", method, params).isNotNull();
    return r.at("/error/code").asInt();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0.1 | 10000000",
        "12345678.12345678 | 1234567812345678",
        "0.00000001 | 1",
        "3 | 300000000",
        "\"2.5\" | 250000000",
        "1e-8 | 1"
      })
  void sendToAddressReadsTheAmountExactly(String literal, long units) throws Exception {
    assertThat(result("sendtoaddress", "[\"TIME0b\", " + literal + "]").asText())
        .isEqualTo("12".repeat(32));
    assertThat(node.wallet.calls).containsExactly(List.of("TIME0b", units, Optional.empty()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-1 | must not be negative",
        "0.000000001 | more than 8 decimals",
        "1.123456789 | more than 8 decimals",
        "92233720368.54775808 | largest possible supply",
        "\"NaN\" | finite",
        "\"Infinity\" | finite",
        "\"-Infinity\" | finite",
        "true | must be a number",
        "\"ten\" | decimal number"
      })
  void badAmountsAreRefusedBeforeTheWalletIsAsked(String literal, String reason) throws Exception {
    JsonNode r = call("sendtoaddress", "[\"TIME0b\", " + literal + "]");
    assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(r.at("/error/message").asText()).contains("amount").contains(reason);
    assertThat(node.wallet.calls).isEmpty();
  }

  @Test
  void anExponentBeyondAnyAmountIsRefusedByTheParser() throws Exception {
    JsonNode r = call("sendtoaddress", "[\"TIME0b\", 1e400]");
    assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(node.wallet.calls).isEmpty();
  }

  @Test
  void sendToAddressTakesAFeeRateAndNamedParameters() throws Exception {
    result("sendtoaddress", "{\"address\":\"TIME0b\",\"amount\":1,\"fee_rate\":7}");
    assertThat(node.wallet.calls).containsExactly(List.of("TIME0b", 100_000_000L, Optional.of(7L)));
    assertThat(errorCode("sendtoaddress", "[\"TIME0b\", 1, -1]"))
        .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("sendtoaddress", "[\"TIME0b\"]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("sendtoaddress", "[\"TIME0b\", 1, 1, 1]"))
        .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }

  @Test
  void sendToAddressHoldsNoThreadWhileTheMempoolDecides() throws Exception {
    node.wallet.sendResult = new CompletableFuture<>();
    CompletableFuture<byte[]> answer =
        rpc.handleAsync(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendtoaddress\",\"params\":[\"TIME0b\",1]}"
                .getBytes(StandardCharsets.UTF_8),
            org.timecoin.rpc.server.RpcCaller.local());
    assertThat(answer).isNotDone();
    node.wallet.sendResult.complete(
        new WalletService.SentTransaction("56".repeat(32), 1, 1, 1_000, 0));
    assertThat(mapper.readTree(answer.join()).get("result").asText()).isEqualTo("56".repeat(32));
  }

  @Test
  void walletFailuresKeepTheirMeaning() throws Exception {
    Map<WalletException.Kind, Integer> codes =
        Map.of(
            WalletException.Kind.INSUFFICIENT_FUNDS, RpcErrorCodes.WALLET_INSUFFICIENT_FUNDS,
            WalletException.Kind.LOCKED, RpcErrorCodes.WALLET_UNLOCK_NEEDED,
            WalletException.Kind.INVALID_ADDRESS, RpcErrorCodes.NOT_FOUND,
            WalletException.Kind.NO_WALLET, RpcErrorCodes.WALLET_NOT_FOUND,
            WalletException.Kind.REJECTED, RpcErrorCodes.VERIFY_REJECTED,
            WalletException.Kind.DECODE_FAILED, RpcErrorCodes.DESERIALIZATION_ERROR,
            WalletException.Kind.INVALID_PARAMETER, RpcErrorCodes.INVALID_PARAMETER);
    for (var e : codes.entrySet()) {
      node.wallet.failure = new WalletException(e.getKey(), "why: " + e.getKey());
      JsonNode r = call("sendtoaddress", "[\"TIME0b\", 1]");
      assertThat(r.at("/error/code").asInt()).as("%s", e.getKey()).isEqualTo(e.getValue());
      assertThat(r.at("/error/message").asText()).isEqualTo("why: " + e.getKey());
      assertThat(errorCode("getbalance", "[]")).isEqualTo(e.getValue());
      assertThat(errorCode("mergeutxos", "[2, 5]")).isEqualTo(e.getValue());
      assertThat(errorCode("listtransactions", "[]")).isEqualTo(e.getValue());
    }
  }

  @Test
  void getBalanceWithoutAnAddressIsTheWalletsTotal() throws Exception {
    assertThat(result("getbalance", "[]").asLong()).isEqualTo(42_000);
    assertThat(result("getbalance", "[\"TIME0a\"]").asLong()).isEqualTo(12_000);
  }

  @Test
  void listUnspentListsTheWalletsCoinsOrAnAddresssOutputs() throws Exception {
    JsonNode coins = result("listunspent", "[0, 10, [\"TIME0w\"]]");
    assertThat(coins.get(0).get("amount").asLong()).isEqualTo(7_000);
    assertThat(node.wallet.calls).containsExactly(List.of(0L, 10L, java.util.Set.of("TIME0w")));
    result("listunspent", "[]");
    assertThat(node.wallet.calls.get(1)).isEqualTo(List.of(1L, 9_999_999L, java.util.Set.of()));
    assertThat(result("listunspent", "[\"TIME0a\", 1]")).hasSize(1);
    assertThat(result("listunspent", "{\"address\":\"TIME0a\"}")).hasSize(2);
    assertThat(errorCode("listunspent", "[1, 2, \"TIME0w\"]"))
        .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("listunspent", "[1, 2, [3]]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("listunspent", "[-1]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }

  @Test
  void createRawTransactionTakesBitcoinStyleInputsAndOutputs() throws Exception {
    String txid = "AB".repeat(32);
    assertThat(
            result(
                    "createrawtransaction",
                    "[[{\"txid\":\"" + txid + "\",\"vout\":2}], {\"TIME0b\": 0.5, \"TIME0c\": 1}]")
                .asText())
        .isEqualTo("c0ffee");
    assertThat(node.wallet.calls.get(0)).isEqualTo(List.of(new RawInput("ab".repeat(32), 2)));
    assertThat(node.wallet.calls.get(1))
        .isEqualTo(Map.of("TIME0b", 50_000_000L, "TIME0c", 100_000_000L));
    result("createrawtransaction", "[[], [{\"TIME0b\": 0.5}]]");
    String in = "[{\"txid\":\"" + txid + "\",\"vout\":0}]";
    for (String bad :
        List.of(
            "[{}, {\"TIME0b\": 1}]",
            "[[{\"txid\":\"zz\",\"vout\":0}], {\"TIME0b\": 1}]",
            "[[{\"txid\":\"" + txid + "\",\"vout\":-1}], {\"TIME0b\": 1}]",
            "[[{\"txid\":\"" + txid + "\",\"vout\":1.5}], {\"TIME0b\": 1}]",
            "[" + in + ", {\"TIME0b\": -1}]",
            "[" + in + ", {\"TIME0b\": 0.000000001}]",
            "[" + in + ", 5]",
            "[" + in + "]")) {
      assertThat(errorCode("createrawtransaction", bad))
          .as(bad)
          .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    }
  }

  @Test
  void rawTransactionsAreSignedAndDecoded() throws Exception {
    JsonNode signed = result("signrawtransactionwithwallet", "[\"0102\"]");
    assertThat(signed.get("hex").asText()).isEqualTo("010200");
    assertThat(signed.get("complete").asBoolean()).isTrue();
    JsonNode decoded = result("decoderawtransaction", "[\"0102\"]");
    assertThat(decoded.get("txid").asText()).isEqualTo("dd".repeat(32));
    assertThat(decoded.at("/vout/0/value").asLong()).isEqualTo(5_000);
    assertThat(errorCode("decoderawtransaction", "[]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("signrawtransactionwithwallet", "[1]"))
        .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    node.wallet.failure = new WalletException(WalletException.Kind.DECODE_FAILED, "TX decode");
    assertThat(errorCode("decoderawtransaction", "[\"zz\"]"))
        .isEqualTo(RpcErrorCodes.DESERIALIZATION_ERROR);
    assertThat(errorCode("signrawtransactionwithwallet", "[\"zz\"]"))
        .isEqualTo(RpcErrorCodes.DESERIALIZATION_ERROR);
  }

  @Test
  void mergeUtxosChecksItsCounts() throws Exception {
    JsonNode r = result("mergeutxos", "[10, 50, \"TIME0m\"]");
    assertThat(r.get("merged").asInt()).isEqualTo(50);
    assertThat(node.wallet.calls).containsExactly(List.of(10, 50, Optional.of("TIME0m")));
    result("mergeutxos", "{\"min_count\":2,\"max_count\":3}");
    assertThat(errorCode("mergeutxos", "[10]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("mergeutxos", "[10, 5]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("mergeutxos", "[1, 5]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("mergeutxos", "[2, 1000000]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }

  @Test
  void getTransactionShowsStateAndPlacement() throws Exception {
    JsonNode t = result("gettransaction", "[\"" + "12".repeat(32) + "\"]");
    assertThat(t.get("state").asText()).isEqualTo("final");
    assertThat(t.get("finalized").asBoolean()).isTrue();
    assertThat(t.get("amount").asLong()).isEqualTo(-6_000);
    assertThat(t.get("fee").asLong()).isEqualTo(1_000);
    assertThat(t.get("blockheight").asLong()).isEqualTo(9);
    assertThat(t.get("blockhash").asText()).isEqualTo("ab".repeat(32));
    assertThat(t.get("confirmations").asLong()).isEqualTo(2);
    assertThat(errorCode("gettransaction", "[\"" + "99".repeat(32) + "\"]"))
        .isEqualTo(RpcErrorCodes.NOT_FOUND);
    assertThat(errorCode("gettransaction", "[\"12\"]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }

  @Test
  void listTransactionsTakesACount() throws Exception {
    assertThat(result("listtransactions", "[]")).hasSize(1);
    assertThat(node.wallet.calls).containsExactly(10);
    result("listtransactions", "[3]");
    assertThat(errorCode("listtransactions", "[0]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    assertThat(errorCode("listtransactions", "[1, 2]")).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }
}
