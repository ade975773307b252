package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class RpcAuthEntryTest {
  @Test
  void anEntryChecksItsPasswordAndRoundTripsAsText() {
    RpcAuthEntry e = RpcAuthEntry.create("alice", "wonderland", new SecureRandom());
    assertThat(e.matches("wonderland")).isTrue();
    assertThat(e.matches("Wonderland")).isFalse();
    assertThat(e.matches("")).isFalse();
    assertThat(RpcAuthEntry.parse(e.text())).isEqualTo(e);
    assertThat(e.text()).doesNotContain("wonderland").startsWith("alice:");
    assertThat(e.toString()).doesNotContain(e.text());
  }

  @Test
  void matchesTheHmacThatBitcoindsRpcauthScriptComputes() {
    // python3 -c 'import hmac; print(hmac.new(b"6b9b1d5e6b9b1d5e", b"secret",
    // "sha256").hexdigest())'
    RpcAuthEntry e =
        RpcAuthEntry.parse(
            "u:6b9b1d5e6b9b1d5e$83e41e7cc79c0ae659aa11d330cbb67a653a7e9b45cd3100ce43f3f4dc121b6d");
    assertThat(e.matches("secret")).isTrue();
    assertThat(e.matches("secret ")).isFalse();
  }

  @Test
  void twoEntriesForOnePasswordDifferBySalt() {
    RpcAuthEntry a = RpcAuthEntry.create("a", "pw", new SecureRandom());
    RpcAuthEntry b = RpcAuthEntry.create("a", "pw", new SecureRandom());
    assertThat(a.salt()).isNotEqualTo(b.salt());
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void badEntriesSayWhatIsWrongWithoutEchoingTheHash() {
    assertThatThrownBy(() -> RpcAuthEntry.parse("nohash")).hasMessageContaining("user:salt$hash");
    assertThatThrownBy(() -> RpcAuthEntry.parse("u:0011223344556677$zz"))
        .hasMessageContaining("hash must be 64 hex")
        .hasMessageNotContaining("zz");
    assertThatThrownBy(() -> RpcAuthEntry.create("a:b", "pw", new SecureRandom()))
        .hasMessageContaining("user name");
  }
}
