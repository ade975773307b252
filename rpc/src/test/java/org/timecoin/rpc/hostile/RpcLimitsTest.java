package org.timecoin.rpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.server.JsonRpcDispatcher;
import org.timecoin.rpc.server.RpcServerFixture;
import org.timecoin.rpc.server.SectionBuilder;

/** Batches, parsing limits, the work queue and finality waiters, attacked over real sockets. */
class RpcLimitsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final FakeNode node = new FakeNode();
  final CountDownLatch release = new CountDownLatch(1);
  RpcServerFixture server;

  @AfterEach
  void close() {
    release.countDown();
    if (server != null) {
      server.close();
    }
  }

  RawHttp connect(SectionBuilder b) throws Exception {
    if (server == null) {
      server =
          RpcServerFixture.start(
              b.build(), 64, new JsonRpcDispatcher(TestMethods.with(node, release)));
    }
    return new RawHttp(server.server.address().getPort());
  }

  static String call(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + "}";
  }

  static String cookie() {
    return RpcServerFixture.cookie().header();
  }

  JsonNode post(RawHttp c, String body) throws Exception {
    return JSON.readTree(c.exchange(cookie(), body).body());
  }

  @Test
  void aBatchOverTheCapIsRefusedBeforeAnyOfItRuns() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.maxBatch = 100;
    try (RawHttp c = connect(b)) {
      List<String> calls = new ArrayList<>();
      for (int i = 0; i < 101; i++) {
        calls.add(call(i, i == 100 ? "stop" : "getblockcount", "[]"));
      }
      JsonNode r = post(c, "[" + String.join(",", calls) + "]");
      assertThat(r.path("error").path("code").asInt()).isEqualTo(-32600);
      assertThat(r.path("error").path("message").asText()).contains("at most 100 calls");
      assertThat(node.stopped).isFalse();
      JsonNode ok = post(c, "[" + String.join(",", calls.subList(0, 100)) + "]");
      assertThat(ok).hasSize(100);
    }
  }

  @Test
  void deepNestingIsAJsonRpcErrorNamingNoLibrary() throws Exception {
    try (RawHttp c = connect(new SectionBuilder())) {
      String deep = "[".repeat(5_000) + "]".repeat(5_000);
      RawHttp.Response raw = c.exchange(cookie(), call(1, "getblockcount", deep));
      assertThat(raw.status()).isEqualTo(200);
      JsonNode r = JSON.readTree(raw.body());
      assertThat(r.path("error").path("code").asInt()).isEqualTo(-32700);
      assertThat(r.path("error").path("message").asText()).contains("nested deeper than 64");
      assertThat(raw.body()).doesNotContainIgnoringCase("jackson").doesNotContain("Exception");
    }
  }

  @Test
  void duplicateKeysTrailingTextAndHugeNumbersAreErrors() throws Exception {
    try (RawHttp c = connect(new SectionBuilder())) {
      JsonNode dup =
          post(c, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stop\",\"method\":\"uptime\"}");
      assertThat(dup.path("error").path("message").asText()).contains("duplicate key");
      JsonNode trailing = post(c, call(1, "stop", "[]") + " {\"x\":1}");
      assertThat(trailing.path("error").path("message").asText()).contains("text after");
      assertThat(node.stopped).isFalse();
      JsonNode huge = post(c, call(1, "getblock", "[18446744073709551617]"));
      assertThat(huge.path("error").path("code").asInt()).isEqualTo(-32602);
      assertThat(huge.has("result")).isFalse();
      JsonNode nested = post(c, call(1, "getblockcount", "{\"x\":[1e99999999999]}"));
      assertThat(nested.path("error").path("code").asInt()).isIn(-32602, -32700);
      JsonNode longString = post(c, call(1, "x".repeat(10_000), "[]"));
      assertThat(longString.path("error").path("message").asText()).hasSizeLessThan(100);
    }
  }

  @Test
  void aFullWorkQueueAnswersBusy() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.workerThreads = 1;
    b.workQueue = 1;
    try (RawHttp holding = connect(b);
        RawHttp queued = new RawHttp(server.server.address().getPort());
        RawHttp refused = new RawHttp(server.server.address().getPort())) {
      holding.send(holding.post(cookie(), call(1, "hold", "[]")));
      queued.send(queued.post(cookie(), call(2, "hold", "[]")));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                RawHttp.Response r = refused.exchange(cookie(), call(3, "getblockcount", "[]"));
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.body()).contains("-32000", "busy");
              });
      release.countDown();
      assertThat(holding.read().body()).contains("released");
      assertThat(queued.read().body()).contains("released");
      assertThat(refused.exchange(cookie(), call(4, "getblockcount", "[]")).body())
          .contains("\"result\":7");
    }
  }

  @Test
  void finalityWaitersAreBoundedPerConnection() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.waitersPerConnection = 2;
    node.holdFinality = true;
    String txid = "\"" + "cd".repeat(32) + "\"";
    try (RawHttp c = connect(b)) {
      String batch =
          "["
              + call(1, "waittransactionfinality", "[" + txid + "]")
              + ","
              + call(2, "waittransactionfinality", "[" + txid + "]")
              + ","
              + call(3, "waittransactionfinality", "[" + txid + "]")
              + "]";
      c.send(c.post(cookie(), batch));
      await().atMost(Duration.ofSeconds(10)).until(() -> node.waiting.size() == 2);
      node.waiting.forEach(f -> f.complete(Optional.empty()));
      JsonNode r = JSON.readTree(c.read().body());
      assertThat(r.get(2).path("error").path("code").asInt()).isEqualTo(-32000);
      assertThat(r.get(2).path("error").path("message").asText()).contains("this connection");
      node.waiting.clear();
      // the budget came back with the answers
      c.send(c.post(cookie(), call(4, "waittransactionfinality", "[" + txid + "]")));
      await().atMost(Duration.ofSeconds(10)).until(() -> node.waiting.size() == 1);
      node.waiting.forEach(f -> f.complete(Optional.empty()));
      assertThat(c.read().body()).contains("No such transaction");
    }
  }

  @Test
  void aTransactionBeingValidatedHoldsNoWorker() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.workerThreads = 1;
    b.workQueue = 1;
    node.holdSubmit = true;
    try (RawHttp sender = connect(b);
        RawHttp other = new RawHttp(server.server.address().getPort())) {
      sender.send(sender.post(cookie(), call(1, "sendrawtransaction", "[\"00ff\"]")));
      await().atMost(Duration.ofSeconds(10)).until(() -> node.submitting.size() == 1);
      for (int i = 0; i < 5; i++) {
        assertThat(other.exchange(cookie(), call(2, "getblockcount", "[]")).body())
            .contains("\"result\":7");
      }
      node.submitting.poll().complete(org.timecoin.node.api.SubmitResult.accepted("ee".repeat(32)));
      assertThat(sender.read().body()).contains("ee".repeat(32));
    }
  }

  @Test
  void aNodeAtItsWaiterBoundAnswersBusyNotAnInternalError() throws Exception {
    node.refuseFinality = true;
    try (RawHttp c = connect(new SectionBuilder())) {
      JsonNode r = post(c, call(1, "waittransactionfinality", "[\"" + "cd".repeat(32) + "\"]"));
      assertThat(r.path("error").path("code").asInt()).isEqualTo(-32000);
      assertThat(r.path("error").path("message").asText())
          .contains("Too many transactions are being waited on");
    }
  }
}
