package org.timecoin.domain.masternode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkAddressTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "203.0.113.7:24100",
        "node.example.org:1",
        "localhost:65535",
        "a-b.c:8080",
        "[2001:db8::1]:24100",
        "[::ffff:192.0.2.1]:9",
      })
  void acceptsHostPort(String text) {
    assertThat(NetworkAddress.problem(text)).isNull();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "node.example.org",
        "node.example.org:",
        ":24100",
        "node.example.org:0",
        "node.example.org:65536",
        "node.example.org:024100",
        "node.example.org:24x",
        "node..example.org:1",
        "-node.example.org:1",
        "node-.example.org:1",
        "node_1.example.org:1",
        "node example.org:1",
        "2001:db8::1:24100",
        "[2001:db8::1:24100",
        "[]:1",
        "[g::1]:1",
        "[1.2.3.4]:1",
      })
  void refusesAnythingElse(String text) {
    assertThat(NetworkAddress.problem(text)).isNotNull().contains("network address");
  }

  @org.junit.jupiter.api.Test
  void limitIs64Characters() {
    String at64 = "a".repeat(58) + ".io:12";
    String at65 = "a".repeat(59) + ".io:12";
    assertThat(at64).hasSize(64);
    assertThat(NetworkAddress.problem(at64)).isNull();
    assertThat(NetworkAddress.problem(at65)).contains("65 characters, limit 64");
  }
}
