package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code [metrics]} and the log format and rotation keys of {@code [logging]}. */
class ObservabilityConfigTest {
  @TempDir Path dir;

  NodeConfig parse(String toml) {
    return ConfigLoader.parse(dir.resolve("c.toml"), toml);
  }

  @Test
  void metricsAreOnAndOnLoopbackByDefaultOnEachNetworksOwnPort() {
    MetricsSection t = parse("").metrics();
    assertThat(t).isEqualTo(new MetricsSection(true, "127.0.0.1", 24102));
    MetricsSection m = parse("[node]\nnetwork = \"mainnet\"\n").metrics();
    assertThat(m).isEqualTo(new MetricsSection(true, "127.0.0.1", 24002));
  }

  @Test
  void metricsKeysAreReadAndWrittenBack() {
    NodeConfig c = parse("[metrics]\nenabled = false\nbind_address = \"0.0.0.0\"\nport = 9100\n");
    assertThat(c.metrics()).isEqualTo(new MetricsSection(false, "0.0.0.0", 9100));
    assertThat(c.toToml()).contains("[metrics]", "port = 9100", "bind_address = \"0.0.0.0\"");
    assertThat(parse(c.toToml())).isEqualTo(c);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[metrics]\nport = 70000\n",
        "[metrics]\nport = -1\n",
        "[metrics]\nbind_address = \"\"\n",
        "[metrics]\npath = \"/x\"\n",
        "[logging]\nformat = \"xml\"\n",
        "[logging]\nmax_file_bytes = 10\n",
        "[logging]\nmax_history_days = 0\n",
        "[logging]\nmax_file_bytes = 209715200\ntotal_size_cap_bytes = 104857600\n",
      })
  void refusesBadValues(String toml) {
    assertThatThrownBy(() -> parse(toml)).isInstanceOf(ConfigException.class);
  }

  @Test
  void loggingDefaultsToTextWithBoundedRotation() {
    LoggingSection l = parse("").logging();
    assertThat(l.json()).isFalse();
    assertThat(l.maxFileBytes()).isEqualTo(100L * 1024 * 1024);
    assertThat(l.maxHistoryDays()).isEqualTo(14);
    assertThat(l.totalSizeCapBytes()).isGreaterThanOrEqualTo(l.maxFileBytes());
  }

  @Test
  void loggingKeysAreReadAndWrittenBack() {
    NodeConfig c =
        parse(
            "[logging]\nformat = \"json\"\nfile = \"node.log\"\nmax_file_bytes = 1048576\n"
                + "max_history_days = 3\ntotal_size_cap_bytes = 10485760\n");
    assertThat(c.logging())
        .isEqualTo(new LoggingSection("info", "node.log", "json", 1048576, 3, 10485760));
    assertThat(c.logging().json()).isTrue();
    assertThat(parse(c.toToml())).isEqualTo(c);
  }
}
