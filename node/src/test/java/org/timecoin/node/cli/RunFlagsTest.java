package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeConfig;

class RunFlagsTest {
  private final NodeConfig defaults = NodeConfig.defaults(Path.of("/tmp/h"), NetworkName.TESTNET);

  @Test
  void noFlagsChangeNothing() {
    assertThat(RunFlags.NONE.applyTo(defaults)).isEqualTo(defaults);
    assertThat(RunFlags.of(null, false, false).applyTo(defaults)).isEqualTo(defaults);
    assertThat(RunFlags.NONE.logLevel(defaults)).isEqualTo("info");
  }

  @Test
  void listenAddrWithPortSetsBoth() {
    NodeConfig c = RunFlags.of("10.0.0.5:24200", false, false).applyTo(defaults);
    assertThat(c.network().listenAddress()).isEqualTo("10.0.0.5");
    assertThat(c.network().port()).isEqualTo(24200);
  }

  @Test
  void listenAddrWithoutPortKeepsTheConfiguredPort() {
    NodeConfig c = RunFlags.of("127.0.0.1", false, false).applyTo(defaults);
    assertThat(c.network().listenAddress()).isEqualTo("127.0.0.1");
    assertThat(c.network().port()).isEqualTo(24100);
  }

  @Test
  void ipv6InBracketsOrBare() {
    RunFlags bracketed = RunFlags.of("[::1]:24300", false, false);
    assertThat(bracketed.listenHost()).isEqualTo("::1");
    assertThat(bracketed.listenPort()).isEqualTo(24300);
    RunFlags bare = RunFlags.of("::", false, false);
    assertThat(bare.listenHost()).isEqualTo("::");
    assertThat(bare.listenPort()).isZero();
    assertThat(RunFlags.of("[fe80::1]", false, false).listenHost()).isEqualTo("fe80::1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ":24100",
        "host:",
        "host:0",
        "host:65536",
        "host:x",
        "[::1",
        "[::1]24100",
        "a b"
      })
  void malformedListenAddrIsRefusedNamingTheFlag(String text) {
    assertThatThrownBy(() -> RunFlags.of(text, false, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--listen-addr");
  }

  @Test
  void masternodeEnablesValidatorMode() {
    assertThat(defaults.masternode().enabled()).isFalse();
    assertThat(RunFlags.of(null, true, false).applyTo(defaults).masternode().enabled()).isTrue();
  }

  @Test
  void verboseLogsAtDebugWithoutChangingTheConfig() {
    RunFlags verbose = RunFlags.of(null, false, true);
    assertThat(verbose.logLevel(defaults)).isEqualTo("debug");
    assertThat(verbose.applyTo(defaults)).isEqualTo(defaults);
  }
}
