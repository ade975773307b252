package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.rpc.cli.RpcCredentials;

class LoadRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LoadKeys keys = LoadKeys.derive(7, 4);
  private final AtomicInteger sendCalls = new AtomicInteger();
  private HttpServer node;

  /** A node that accepts every transfer and never finalizes a block. */
  @BeforeEach
  void startNode() throws Exception {
    node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    node.createContext(
        "/",
        exchange -> {
          JsonNode batch = JSON.readTree(exchange.getRequestBody());
          ArrayNode answers = JSON.createArrayNode();
          for (JsonNode call : batch) {
            String method = call.path("method").asText();
            if (method.equals("sendrawtransaction")) {
              sendCalls.incrementAndGet();
            }
            ObjectNode answer = answers.addObject().put("jsonrpc", "2.0");
            answer.set("id", call.get("id"));
            if (method.equals("getblockcount")) {
              answer.put("result", 0);
            } else {
              answer.put("result", "00");
            }
          }
          byte[] body = JSON.writeValueAsString(answers).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    node.start();
  }

  @AfterEach
  void stopNode() {
    node.stop(0);
  }

  @Test
  void aLoadThatCannotBuildItsNextTransferStopsWithTheReasonInsteadOfGoingQuiet() throws Exception {
    LoadWallet wallet =
        new LoadWallet(
            keys,
            Hash32.of(new byte[32]),
            ConsensusParams.defaults(),
            MempoolPolicy.DEFAULT_MIN_FEE_RATE,
            new Random(1));
    // Four coins that together cannot pay a transfer's fee and leave more than dust: the first
    // transfer cannot be built.
    wallet.credit(
        Hash32.of(new byte[32]),
        List.of(
            new TxOut(300, keys.address(0)),
            new TxOut(300, keys.address(1)),
            new TxOut(300, keys.address(2)),
            new TxOut(300, keys.address(3))));
    JsonRpcBatch target =
        new JsonRpcBatch(
            URI.create("http://127.0.0.1:" + node.getAddress().getPort() + "/"),
            new RpcCredentials("load", "secret"),
            Duration.ofSeconds(5));
    LoadRun.Options options =
        new LoadRun.Options(
            100,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            10,
            Duration.ofMillis(50));

    try (LoadRun run = new LoadRun(wallet, List.of(target), target, options, Clock.SYSTEM)) {
      assertThatThrownBy(run::run)
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("the load stopped")
          .hasMessageContaining("worn down to dust");
    }
    assertThat(sendCalls).hasValue(0);
  }
}
