package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.timecoin.node.Timed;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.SyncSection.FastSyncMode;

class RunFlagsFastSyncTest {
  @TempDir Path dir;
  private final NodeConfig defaults = NodeConfig.defaults(Path.of("/tmp/h"), NetworkName.TESTNET);

  private NodeConfig configured(FastSyncMode mode) {
    return defaults.withSync(defaults.sync().withFastSync(mode));
  }

  @ParameterizedTest
  @EnumSource(FastSyncMode.class)
  void withFastSyncOverridesWhateverIsConfigured(FastSyncMode configured) {
    NodeConfig c = configured(configured);
    assertThat(RunFlags.NONE.withFastSync(true).applyTo(c).sync().fastSync())
        .isEqualTo(FastSyncMode.ON);
    assertThat(RunFlags.NONE.withFastSync(false).applyTo(c).sync().fastSync())
        .isEqualTo(FastSyncMode.OFF);
    assertThat(RunFlags.NONE.withFastSync(null).applyTo(c)).isEqualTo(c);
  }

  @Test
  void withFastSyncKeepsTheOtherFlagsAndTheRestOfTheSyncSection() {
    RunFlags f = RunFlags.of("10.0.0.5:24200", true, true).withFastSync(false);
    assertThat(f.fastSync()).isEqualTo(FastSyncMode.OFF);
    assertThat(f.listenHost()).isEqualTo("10.0.0.5");
    assertThat(f.listenPort()).isEqualTo(24200);
    assertThat(f.masternode()).isTrue();
    assertThat(f.verbose()).isTrue();
    NodeConfig c = f.applyTo(defaults);
    assertThat(c.sync()).isEqualTo(defaults.sync().withFastSync(FastSyncMode.OFF));
    assertThat(c.masternode().enabled()).isTrue();
    assertThat(RunFlags.NONE.withFastSync(true).withFastSync(null).fastSync()).isNull();
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private FastSyncMode generated(String name, String... flags) {
    Path file = dir.resolve(name + ".toml");
    String[] args = new String[flags.length + 3];
    args[0] = "--config";
    args[1] = file.toString();
    System.arraycopy(flags, 0, args, 2, flags.length);
    args[args.length - 1] = "--generate-config";
    int rc = Timed.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(rc).as(err.toString()).isZero();
    return ConfigLoader.load(file).sync().fastSync();
  }

  @Test
  void timedParsesFastSyncFlags() {
    assertThat(generated("none")).isEqualTo(FastSyncMode.AUTO);
    assertThat(generated("on", "--fast-sync")).isEqualTo(FastSyncMode.ON);
    assertThat(generated("off", "--no-fast-sync")).isEqualTo(FastSyncMode.OFF);
  }

  @Test
  void timedListsTheFastSyncFlagInTheHelp() {
    assertThat(
            Timed.run(
                new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(err, true)))
        .isZero();
    assertThat(out.toString()).contains("fast-sync");
  }
}
