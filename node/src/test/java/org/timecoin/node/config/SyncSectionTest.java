package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.node.config.SyncSection.FastSyncMode;

class SyncSectionTest {
  @TempDir Path dir;

  private SyncSection sync(String body) {
    return ConfigLoader.parse(dir.resolve("c.toml"), "[sync]\n" + body + "\n").sync();
  }

  @ParameterizedTest
  @CsvSource({
    "auto, AUTO",
    "on, ON",
    "off, OFF",
    "true, ON",
    "false, OFF",
    "AUTO, AUTO",
    "On, ON",
    "OFF, OFF",
    "TRUE, ON"
  })
  void fastSyncParses(String text, FastSyncMode mode) {
    assertThat(sync("fast_sync = \"" + text + "\"").fastSync()).isEqualTo(mode);
  }

  @ParameterizedTest
  @CsvSource({"true, ON", "false, OFF"})
  void aBareTomlBooleanForFastSyncParses(String text, FastSyncMode mode) {
    assertThat(sync("fast_sync = " + text).fastSync()).isEqualTo(mode);
  }

  @Test
  void fastSyncDefaultsToAuto() {
    assertThat(sync("").fastSync()).isEqualTo(FastSyncMode.AUTO);
    assertThat(SyncSection.defaults().fastSync()).isEqualTo(FastSyncMode.AUTO);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "", "1", "enabled", "auto ", " on"})
  void anyOtherFastSyncIsRefusedNamingTheKey(String text) {
    assertThatThrownBy(() -> sync("fast_sync = \"" + text + "\""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("[sync]")
        .hasMessageContaining("fast_sync")
        .hasMessageContaining("\"" + text + "\"");
  }

  @Test
  void aNumberForFastSyncIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> sync("fast_sync = 1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fast_sync");
  }

  @Test
  void snapshotIntervalOfOneIsRefusedZeroAndTwoAreNot() {
    assertThatThrownBy(() -> sync("snapshot_interval = 1"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("snapshot_interval");
    assertThat(sync("snapshot_interval = 0").snapshotInterval()).isZero();
    assertThat(sync("snapshot_interval = 2").snapshotInterval()).isEqualTo(2);
    assertThat(sync("").snapshotInterval()).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1099511627777"})
  void snapshotIntervalOutOfRangeIsRefused(String v) {
    assertThatThrownBy(() -> sync("snapshot_interval = " + v))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("snapshot_interval");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "101", "1000000"})
  void snapshotKeepOutOfRangeIsRefused(String v) {
    assertThatThrownBy(() -> sync("snapshot_keep = " + v))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("snapshot_keep");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 50, 100})
  void snapshotKeepInRangeIsRead(int v) {
    assertThat(sync("snapshot_keep = " + v).snapshotKeep()).isEqualTo(v);
  }

  @Test
  void snapshotServingBelowItsFloorIsRefused() {
    assertThatThrownBy(() -> sync("snapshot_serving_bytes_per_second = 1000"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("snapshot_serving_bytes_per_second");
  }

  @ParameterizedTest
  @CsvSource({
    "AUTO, 0, false",
    "AUTO, 3599, false",
    "AUTO, 3600, true",
    "AUTO, 86400, true",
    "ON, 0, true",
    "ON, 86400, true",
    "OFF, 0, false",
    "OFF, 86400, false"
  })
  void enabledForChainAge(FastSyncMode mode, long seconds, boolean enabled) {
    assertThat(mode.enabledFor(Duration.ofSeconds(seconds))).isEqualTo(enabled);
  }

  @Test
  void autoSwitchesExactlyAtAnHour() {
    Duration hour = FastSyncMode.AUTO_MIN_CHAIN_AGE;
    assertThat(hour).isEqualTo(Duration.ofHours(1));
    assertThat(FastSyncMode.AUTO.enabledFor(hour.minusNanos(1))).isFalse();
    assertThat(FastSyncMode.AUTO.enabledFor(hour)).isTrue();
    assertThat(FastSyncMode.AUTO.enabledFor(Duration.ofSeconds(-5))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"AUTO, 0, 1", "ON, 2, 100", "OFF, 12345, 7"})
  void writtenConfigRoundTrips(FastSyncMode mode, long interval, int keep) {
    NodeConfig d = NodeConfig.defaults(dir.toAbsolutePath(), NetworkName.TESTNET);
    NodeConfig c =
        d.withSync(
            d.sync().withFastSync(mode).withSnapshots(interval, keep).withSnapshotServing(1 << 20));
    Path file = dir.resolve("written-" + mode + ".toml");
    ConfigLoader.write(file, c);
    NodeConfig back = ConfigLoader.load(file);
    assertThat(back.sync()).isEqualTo(c.sync());
    assertThat(back.sync().fastSync()).isEqualTo(mode);
    assertThat(back.sync().snapshotInterval()).isEqualTo(interval);
    assertThat(back.sync().snapshotKeep()).isEqualTo(keep);
    assertThat(back.sync().snapshotServingBytesPerSecond()).isEqualTo(1 << 20);
  }
}
