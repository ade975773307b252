package org.timecoin.rpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.methods.RpcMethods;
import org.timecoin.rpc.server.JsonRpcDispatcher;
import org.timecoin.rpc.server.RpcServerFixture;
import org.timecoin.rpc.server.SectionBuilder;

/**
 * The RPC door attacked over real sockets: credentials, browser requests (Content-Type, Origin,
 * Host) and read-only users. Every refusal leaves the node untouched: {@code stop} never runs.
 */
class RpcDoorTest {
  static final String STOP = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stop\"}";
  static final String COUNT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}";

  final FakeNode node = new FakeNode();
  RpcServerFixture server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  RawHttp connect(SectionBuilder b) throws Exception {
    if (server == null) {
      server =
          RpcServerFixture.start(
              b.build(),
              16,
              new JsonRpcDispatcher(
                  RpcMethods.all(
                      node,
                      node,
                      node,
                      TestWallet.absent(java.nio.file.Path.of("no-wallet-here")))));
    }
    return new RawHttp(server.server.address().getPort());
  }

  RawHttp connect() throws Exception {
    return connect(new SectionBuilder());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }

  static String cookie() {
    return RpcServerFixture.cookie().header();
  }

  @Test
  void noCredentialsGet401WithAChallengeAndNothingRuns() throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Response r = c.exchange(null, STOP);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.headers().get("www-authenticate")).startsWith("Basic realm=");
    }
    assertThat(node.stopped).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice:notwonderland",
        "__cookie__:c0ffee",
        "bob:",
        "mallory:wonderland",
        "alice",
        ":",
      })
  void wrongCredentialsGet401(String pair) throws Exception {
    try (RawHttp c = connect()) {
      String header = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes());
      assertThat(c.exchange(header, STOP).status()).isEqualTo(401);
      assertThat(c.exchange("Basic !!!notbase64", STOP).status()).isEqualTo(401);
      assertThat(c.exchange("Bearer abc", STOP).status()).isEqualTo(401);
    }
    assertThat(node.stopped).isFalse();
  }

  @Test
  void theCookieAndConfiguredUsersGetIn() throws Exception {
    try (RawHttp c = connect()) {
      assertThat(c.exchange(cookie(), COUNT).body()).contains("\"result\":7");
      assertThat(c.exchange(basic("alice", "wonderland"), COUNT).body()).contains("\"result\":7");
      assertThat(c.exchange(basic("bob", "builder"), COUNT).body()).contains("\"result\":7");
    }
  }

  @Test
  void failedLoginsFromOneAddressAreLimited() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.authFailuresPerMinute = 3;
    try (RawHttp c = connect(b)) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.exchange(basic("alice", "guess" + i), COUNT).status()).isEqualTo(401);
      }
    }
    try (RawHttp c = new RawHttp(server.server.address().getPort())) {
      RawHttp.Response r = c.exchange(basic("alice", "wonderland"), COUNT);
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.body()).contains("Too many failed logins");
    }
  }

  @Test
  void aReadOnlyUserCannotStopTheNodeButMayRead() throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Response r = c.exchange(basic("bob", "builder"), STOP);
      assertThat(r.body()).contains("-32001", "not allowed for read-only user bob");
      assertThat(node.stopped).isFalse();
      String batch = "[" + COUNT + "," + STOP.replace("\"id\":1", "\"id\":2") + "]";
      r = c.exchange(basic("bob", "builder"), batch);
      assertThat(r.body()).contains("\"result\":7", "-32001");
      assertThat(node.stopped).isFalse();
      r = c.exchange(basic("alice", "wonderland"), STOP);
      assertThat(r.body()).contains("stopping");
      assertThat(node.stopped).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Type: text/plain",
        "Content-Type: application/x-www-form-urlencoded",
        "Content-Type: multipart/form-data; boundary=x",
        "Content-Type: application/json; charset=latin1",
        "Content-Type: application/jsonp",
        "Content-Type: ",
      })
  void aBodyNotDeclaredAsJsonIsRefused(String contentType) throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Response r = c.exchange(cookie(), STOP, contentType);
      assertThat(r.status()).isEqualTo(415);
      assertThat(r.body()).contains("Content-Type must be application/json");
    }
    assertThat(node.stopped).isFalse();
  }

  @Test
  void jsonWithACharsetIsAccepted() throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Response r =
          c.exchange(cookie(), COUNT, "Content-Type: Application/JSON; charset=\"UTF-8\"");
      assertThat(r.status()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://evil.example", "null", "http://127.0.0.1:1", "https://ok.example"})
  void aForeignOriginIsRefused(String origin) throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.origins = List.of("http://ok.example");
    try (RawHttp c = connect(b)) {
      RawHttp.Response r = c.exchange(cookie(), STOP, "Origin: " + origin);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.body()).contains("Origin not allowed");
      assertThat(c.closedByServer()).isTrue();
    }
    assertThat(node.stopped).isFalse();
  }

  @Test
  void aConfiguredOriginIsAccepted() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.origins = List.of("http://ok.example");
    try (RawHttp c = connect(b)) {
      assertThat(c.exchange(cookie(), COUNT, "Origin: http://OK.example").status()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Host: evil.example",
        "Host: evil.example:%d",
        "Host: 127.0.0.1.evil.example:%d",
        "Host: 10.0.0.1:%d",
        "Host: [::2]:%d",
      })
  void aForeignHostIsRefused(String host) throws Exception {
    try (RawHttp c = connect()) {
      RawHttp.Response r =
          c.exchange(cookie(), STOP, host.formatted(server.server.address().getPort()));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.body()).contains("Host header");
    }
    assertThat(node.stopped).isFalse();
  }

  @Test
  void aRequestWithoutHostIsRefused() throws Exception {
    try (RawHttp c = connect()) {
      String raw =
          "POST / HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: "
              + cookie()
              + "\r\nContent-Length: "
              + STOP.length()
              + "\r\n\r\n"
              + STOP;
      c.send(raw.getBytes());
      assertThat(c.read().status()).isEqualTo(403);
    }
    assertThat(node.stopped).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]", "rpc.example"})
  void loopbackNamesAndConfiguredHostsAreAccepted(String name) throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.hosts = List.of("rpc.example");
    try (RawHttp c = connect(b)) {
      int port = server.server.address().getPort();
      assertThat(c.exchange(cookie(), COUNT, "Host: " + name + ":" + port).status()).isEqualTo(200);
    }
  }
}
