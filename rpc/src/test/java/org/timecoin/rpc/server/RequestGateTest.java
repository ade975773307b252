package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestGateTest {
  static HttpHeaders host(String host) {
    return new DefaultHttpHeaders().set("Host", host);
  }

  @ParameterizedTest(name = "bound to {0}, Host {1} -> {2}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1:24101, true",
    "127.0.0.1, localhost:24101, true",
    "127.0.0.1, LOCALHOST, true",
    "127.0.0.1, [::1]:24101, true",
    "127.0.0.1, localhost:24102, false",
    "127.0.0.1, 192.168.1.5:24101, false",
    "127.0.0.1, rpc.example:24101, true",
    "127.0.0.1, rpc.example:9, false",
    "127.0.0.1, proxy.example:8080, true",
    "127.0.0.1, proxy.example:24101, false",
    "127.0.0.1, evil.example, false",
    "192.168.1.5, 192.168.1.5:24101, true",
    "192.168.1.5, localhost:24101, false",
    "0.0.0.0, localhost:24101, true",
    "0.0.0.0, 0.0.0.0:24101, true",
    "0.0.0.0, 203.0.113.9:24101, false",
    "::1, [::1]:24101, true",
    "::1, [::2]:24101, false",
  })
  void hostMustNameThisServer(String bind, String hostHeader, boolean allowed) {
    RequestGate gate =
        new RequestGate(bind, 24101, List.of("rpc.example", "proxy.example:8080"), List.of());
    assertThat(gate.check(host(hostHeader)) == null).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json|true",
        "application/json; charset=utf-8|true",
        "APPLICATION/JSON;charset=UTF-8|true",
        "application/json; charset=\"utf-8\"|true",
        "application/json; charset=utf-16|false",
        "application/json; boundary=x|false",
        "text/plain|false",
        "text/plain; charset=application/json|false",
        "application/json-patch+json|false",
        "|false",
      })
  void onlyJsonBodies(String type, boolean json) {
    assertThat(RequestGate.isJson(type == null ? "" : type)).isEqualTo(json);
  }
}
