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
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.TimeCli;

class RpcHttpServerTest {
  private final FakeNode node = new FakeNode();
  @TempDir Path dataDir;
  private RpcServerFixture fixture;
  private RpcHttpServer server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    fixture =
        RpcServerFixture.start(
            RpcServerFixture.section(), 8, JsonRpcDispatcherTest.dispatcher(node));
    server = fixture.server;
    uri = fixture.uri;
    Files.writeString(dataDir.resolve(".cookie"), "__cookie__:" + RpcServerFixture.COOKIE_SECRET);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String[] cli(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--rpc-url";
    all[1] = uri.toString();
    all[2] = "--datadir";
    all[3] = dataDir.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return all;
  }

  @Test
  void bindsToLoopbackAndAnswersCalls() throws Exception {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    RpcClient client = fixture.client();
    assertThat(client.call("getblockcount").asLong()).isEqualTo(7);
    assertThat(client.call("getblock", 7).get("hash").asText()).isEqualTo(FakeNode.HASH);
  }

  @Test
  void rpcErrorsReachTheClientAsExceptionsWithCodes() {
    RpcClient client = fixture.client();
    assertThatThrownBy(() -> client.call("nosuch"))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class, e -> assertThat(e.code()).isEqualTo(-32601));
  }

  @Test
  void garbageBodyIsAParseErrorObject() throws Exception {
    HttpResponse<String> r = fixture.client().post("{{{".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("-32700").doesNotContain("Exception");
  }

  @Test
  void getIsRefused() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri)
                    .header("Authorization", RpcServerFixture.cookie().header())
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }

  @Test
  void oversizeBodyIsRefused() throws Exception {
    HttpResponse<String> r = fixture.client().post(new byte[128 * 1024]);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void notificationGetsNoContent() throws Exception {
    HttpResponse<String> r =
        fixture
            .client()
            .post("{\"jsonrpc\":\"2.0\",\"method\":\"uptime\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(204);
  }

  @Test
  void timeCliMapsKebabCommandsToMethods() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TimeCli.run(cli("get-block-count"), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString().strip()).isEqualTo("7");

    out.getBuffer().setLength(0);
    code =
        TimeCli.run(
            cli("--json", "get-block", "7", "2"),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("\"height\" : 7", "TIME0abc");

    code =
        TimeCli.run(cli("call", "nosuch"), new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("-32601");
  }

  @Test
  void timeCliReportsUnreachableNode() {
    server.close();
    StringWriter err = new StringWriter();
    int code =
        TimeCli.run(cli("uptime"), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
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

  private int run(StringWriter out, StringWriter err, String... args) {
    return TimeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void timeCliFindsTheNodeAndItsCookieFromTheHomeConfig() throws Exception {
    Path home = dataDir.resolve("home");
    Files.createDirectories(home.resolve("chain"));
    Files.writeString(
        home.resolve("config.toml"),
        "[node]\ndata_dir = \"chain\"\n[rpc]\nport = " + uri.getPort() + "\n");
    Files.writeString(
        home.resolve("chain/.cookie"), "__cookie__:" + RpcServerFixture.COOKIE_SECRET);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "--home", home.toString(), "get-block-count"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString().strip()).isEqualTo("7");
  }

  @Test
  void timeCliLogsInAsAConfiguredUser() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] base = {"--rpc-url", uri.toString(), "--rpc-user", "alice", "--rpc-password"};
    int code = run(out, err, concat(base, "wonderland", "get-block-count"));
    assertThat(code).as(err.toString()).isZero();
    code = run(out, err, concat(base, "wrong", "get-block-count"));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("authentication failed").doesNotContain("Exception");
    code = run(out, err, "--rpc-url", uri.toString(), "--rpc-user", "alice", "get-block-count");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--rpc-user and --rpc-password go together");
  }

  @Test
  void timeCliSaysWhereItLookedForTheCookie() {
    StringWriter err = new StringWriter();
    Path empty = dataDir.resolve("nothing-here");
    int code =
        run(
            new StringWriter(),
            err,
            "--rpc-url",
            uri.toString(),
            "--datadir",
            empty.toString(),
            "uptime");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(empty.resolve(".cookie").toString(), "is the node running");
  }

  @Test
  void aReadOnlyUserGetsAClearRefusalFromTimeCli() {
    StringWriter err = new StringWriter();
    int code =
        run(
            new StringWriter(),
            err,
            "--rpc-url",
            uri.toString(),
            "--rpc-user",
            "bob",
            "--rpc-password",
            "builder",
            "stop");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("-32001", "read-only");
    assertThat(node.stopped).isFalse();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
