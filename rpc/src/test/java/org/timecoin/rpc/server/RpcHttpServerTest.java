package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.TimeCli;

class RpcHttpServerTest {
  private final FakeNode node = new FakeNode();
  private RpcHttpServer server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    server =
        new RpcHttpServer("127.0.0.1", 0, 64 * 1024, 8, JsonRpcDispatcherTest.dispatcher(node));
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bindsToLoopbackAndAnswersCalls() throws Exception {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    RpcClient client = new RpcClient(uri);
    assertThat(client.call("getblockcount").asLong()).isEqualTo(7);
    assertThat(client.call("getblock", 7).get("hash").asText()).isEqualTo(FakeNode.HASH);
  }

  @Test
  void rpcErrorsReachTheClientAsExceptionsWithCodes() {
    RpcClient client = new RpcClient(uri);
    assertThatThrownBy(() -> client.call("nosuch"))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class, e -> assertThat(e.code()).isEqualTo(-32601));
  }

  @Test
  void garbageBodyIsAParseErrorObject() throws Exception {
    HttpResponse<String> r = new RpcClient(uri).post("{{{".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("-32700").doesNotContain("Exception");
  }

  @Test
  void getIsRefused() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }

  @Test
  void oversizeBodyIsRefused() throws Exception {
    HttpResponse<String> r = new RpcClient(uri).post(new byte[128 * 1024]);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void notificationGetsNoContent() throws Exception {
    HttpResponse<String> r =
        new RpcClient(uri)
            .post("{\"jsonrpc\":\"2.0\",\"method\":\"uptime\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(204);
  }

  @Test
  void timeCliMapsKebabCommandsToMethods() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TimeCli.run(
            new String[] {"--rpc-url", uri.toString(), "get-block-count"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString().strip()).isEqualTo("7");

    out.getBuffer().setLength(0);
    code =
        TimeCli.run(
            new String[] {"--rpc-url", uri.toString(), "--json", "get-block", "7", "2"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"height\" : 7", "TIME0abc");

    code =
        TimeCli.run(
            new String[] {"--rpc-url", uri.toString(), "call", "nosuch"},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("-32601");
  }

  @Test
  void timeCliReportsUnreachableNode() {
    server.close();
    StringWriter err = new StringWriter();
    int code =
        TimeCli.run(
            new String[] {"--rpc-url", uri.toString(), "uptime"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("cannot connect");
  }

  @Test
  void timeCliRejectsUnknownCommand() {
    StringWriter err = new StringWriter();
    int code =
        TimeCli.run(
            new String[] {"get-everything"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
  }
}
