package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.methods.RpcMethods;

class JsonRpcDispatcherTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final FakeNode node = new FakeNode();
  private final JsonRpcDispatcher dispatcher = dispatcher(node);

  static JsonRpcDispatcher dispatcher(FakeNode node) {
    List<RpcMethod> methods =
        new ArrayList<>(
            RpcMethods.all(
                node, node, node, TestWallet.absent(Path.of("no-wallet-here")), node.wallet));
    methods.add(
        new RpcMethod() {
          @Override
          public String name() {
            return "explode";
          }

          @Override
          public String help() {
            return "";
          }

          @Override
          public JsonNode call(Params params) {
            throw new IllegalStateException("secret internal detail");
          }
        });
    methods.add(
        new RpcMethod() {
          @Override
          public String name() {
            return "warming";
          }

          @Override
          public String help() {
            return "";
          }

          @Override
          public JsonNode call(Params params) {
            throw new org.timecoin.node.api.NodeStarting(
                "the node is starting: fast sync snapshot_chunks 3/9");
          }
        });
    return new JsonRpcDispatcher(methods);
  }

  @Test
  void aNodeStillStartingAnswersTheWarmUpCodeWithWhatItIsDoing() throws Exception {
    JsonNode r = send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"warming\"}");
    assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrorCodes.IN_WARMUP).isEqualTo(-28);
    assertThat(r.at("/error/message").asText())
        .isEqualTo("the node is starting: fast sync snapshot_chunks 3/9");
  }

  private JsonNode send(String body) throws Exception {
    byte[] out = dispatcher.handle(body.getBytes(StandardCharsets.UTF_8));
    return out == null ? null : mapper.readTree(out);
  }

  @Test
  void answersAMethodWithResultAndSameId() throws Exception {
    JsonNode r = send("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"getblockcount\"}");
    assertThat(r.get("result").asLong()).isEqualTo(7);
    assertThat(r.get("id").asText()).isEqualTo("a");
    assertThat(r.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(r.has("error")).isFalse();
  }

  @Test
  void acceptsNamedParams() throws Exception {
    JsonNode r =
        send(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\",\"params\":{\"blockhash\":7,\"verbosity\":2}}");
    assertThat(r.at("/result/height").asLong()).isEqualTo(7);
    assertThat(r.at("/result/tx/0/txid").asText()).isEqualTo("cd".repeat(32));
  }

  @Test
  void notificationGetsNoResponse() throws Exception {
    assertThat(send("{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"}")).isNull();
  }

  @Test
  void batchAnswersEachRequestSkippingNotifications() throws Exception {
    JsonNode r =
        send(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"getblockcount\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}, 5]");
    assertThat(r.isArray()).isTrue();
    assertThat(r).hasSize(3);
    assertThat(r.get(0).get("result").asLong()).isEqualTo(7);
    assertThat(r.get(1).at("/error/code").asInt()).isEqualTo(-32601);
    assertThat(r.get(2).at("/error/code").asInt()).isEqualTo(-32600);
  }

  @ParameterizedTest(name = "[{index}] expects {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{not json|-32700",
        "''|-32700",
        "[]|-32600",
        "42|-32600",
        "\"getblockcount\"|-32600",
        "{\"jsonrpc\":\"3.0\",\"id\":1,\"method\":\"getblockcount\"}|-32600",
        "{\"jsonrpc\":2,\"id\":1,\"method\":\"getblockcount\"}|-32600",
        "{\"jsonrpc\":\"2.0\",\"id\":1}|-32600",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}|-32600",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":\"x\"}|-32600",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"getblockcount\"}|-32600",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nosuchmethod\"}|-32601",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\",\"params\":[1]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\"}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\",\"params\":[\"xyz\"]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\",\"params\":[-1]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\",\"params\":[7, 9]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\",\"params\":[7, \"x\"]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"validateaddress\",\"params\":[3]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendrawtransaction\"}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblock\",\"params\":[8]}|-5",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendrawtransaction\",\"params\":[\"zz\"]}|-22",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendrawtransaction\",\"params\":[\"abc\"]}|-22",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendrawtransaction\",\"params\":[\"00\"]}|-22",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendrawtransaction\",\"params\":[\"01\"]}|-26",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"explode\"}|-32603",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getrawtransaction\",\"params\":[\"xyz\"]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getrawtransaction\",\"params\":[\"ab\"]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getrawtransaction\",\"params\":[\"0000000000000000000000000000000000000000000000000000000000000000\"]}|-5",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"gettransactionfinality\",\"params\":[\"0000000000000000000000000000000000000000000000000000000000000000\"]}|-5",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"listunspent\",\"params\":[\"TIME1x\"]}|-5",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"listunspent\",\"params\":[\"TIME0x\", 0]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getbalance\",\"params\":[\"nope\"]}|-5",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getbalance\",\"params\":[1]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"waittransactionfinality\",\"params\":[\"zz\"]}|-32602",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"waittransactionfinality\",\"params\":[\"0000000000000000000000000000000000000000000000000000000000000000\"]}|-5",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"waittransactionfinality\",\"params\":[\"0000000000000000000000000000000000000000000000000000000000000000\", 9999]}|-32602",
      })
  void malformedOrFailingRequestsGetErrorObjects(String body, int code) throws Exception {
    JsonNode r = send(body);
    assertThat(r.at("/error/code").asInt()).as(r.toString()).isEqualTo(code);
    assertThat(r.at("/error/message").asText()).isNotBlank();
    assertThat(r.has("result")).isFalse();
    assertThat(r.has("id")).isTrue();
    assertThat(r.toString()).doesNotContain("Exception", "\tat ", "secret internal detail");
  }

  @Test
  void rejectedTransactionCarriesTheReason() throws Exception {
    JsonNode r =
        send(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendrawtransaction\",\"params\":[\"01\"]}");
    assertThat(r.at("/error/message").asText()).contains("missing-inputs", "input not found");
  }

  @Test
  void errorKeepsTheRequestId() throws Exception {
    JsonNode r = send("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"nosuchmethod\"}");
    assertThat(r.get("id").asInt()).isEqualTo(99);
  }

  @Test
  void aReadOnlyCallerIsRefusedEveryListedAdminMethodEvenOneThatForgetsToSaySo() throws Exception {
    List<RpcMethod> methods = new ArrayList<>();
    java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
    for (String name : AdminMethods.NAMES) {
      methods.add(
          new RpcMethod() {
            @Override
            public String name() {
              return name;
            }

            @Override
            public String help() {
              return name;
            }

            @Override
            public JsonNode call(Params params) {
              ran.incrementAndGet();
              return null;
            }
          });
    }
    JsonRpcDispatcher d = new JsonRpcDispatcher(methods);
    RpcCaller bob = RpcCaller.connection(10).as("bob", true);
    RpcCaller alice = RpcCaller.connection(10).as("alice", false);
    for (String name : AdminMethods.NAMES) {
      byte[] req = ("{\"id\":1,\"method\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
      JsonNode refused = mapper.readTree(d.handleAsync(req, bob).join());
      assertThat(refused.path("error").path("code").asInt()).as(name).isEqualTo(-32001);
      JsonNode allowed = mapper.readTree(d.handleAsync(req, alice).join());
      assertThat(allowed.has("result")).as(name).isTrue();
    }
    assertThat(ran.get()).isEqualTo(AdminMethods.NAMES.size());
    assertThat(AdminMethods.NAMES)
        .contains("stop", "sendtoaddress", "dumpprivkey", "walletpassphrase", "getnewaddress");
  }

  @Test
  void stopAndTheWalletMethodsThatMoveCoinsOrKeysAreAdminMethods() {
    assertThat(
            RpcMethods.all(
                    node, node, node, TestWallet.absent(java.nio.file.Path.of("no-wallet-here")))
                .stream()
                .filter(AdminMethods::isAdmin)
                .map(RpcMethod::name))
        .contains("stop", "dumpprivkey", "importprivkey", "walletpassphrase", "backupwallet")
        .doesNotContain("getblockcount", "getwalletinfo", "listaddresses", "help");
  }

  @Test
  void answersOverTheSizeCapBecomeErrors() throws Exception {
    List<RpcMethod> methods =
        new ArrayList<>(
            RpcMethods.all(
                node, node, node, TestWallet.absent(java.nio.file.Path.of("no-wallet-here"))));
    JsonRpcDispatcher small =
        new JsonRpcDispatcher(methods, new DispatchLimits(100, 64, 1000, 600));
    JsonNode single =
        mapper.readTree(
            small.handle(
                "{\"id\":5,\"method\":\"getblock\",\"params\":[7,2]}"
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(single.path("error").path("code").asInt()).isEqualTo(-32002);
    assertThat(single.get("id").asInt()).isEqualTo(5);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 20; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(i)
          .append(",\"method\":\"getblockcount\"}");
    }
    JsonNode answers =
        mapper.readTree(
            small.handle(batch.append("]").toString().getBytes(StandardCharsets.UTF_8)));
    assertThat(answers).hasSize(20);
    assertThat(answers.get(0).get("result").asLong()).isEqualTo(7);
    assertThat(answers.get(19).path("error").path("code").asInt()).isEqualTo(-32002);
    assertThat(mapper.writeValueAsBytes(answers).length).isLessThan(600 + 20 * 120);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[18446744073709551617]",
        "[-9223372036854775809]",
        "{\"blockhash\":99999999999999999999999}",
        "[7, 18446744073709551618]",
      })
  void integersBeyond64BitsAreRefusedNotWrapped(String params) throws Exception {
    JsonNode r = send("{\"id\":1,\"method\":\"getblock\",\"params\":" + params + "}");
    assertThat(r.path("error").path("code").asInt()).isEqualTo(-32602);
    assertThat(r.has("result")).isFalse();
  }

  @Test
  void anOverlongIdIsRefusedWithoutEcho() throws Exception {
    String id = "i".repeat(1000);
    JsonNode r = send("{\"id\":\"" + id + "\",\"method\":\"uptime\"}");
    assertThat(r.path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(r.toString()).doesNotContain(id);
  }
}
