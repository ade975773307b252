package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.node.Timed;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.NodeConfig;

class TimedFlagsTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int timed(String... args) {
    return Timed.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void generateConfigWritesTheDefaultsAndExits() throws Exception {
    Path file = dir.resolve("conf/config.toml");
    assertThat(timed("--config", file.toString(), "--generate-config")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("wrote " + file);
    assertThat(Files.readString(file)).contains("[network]", "[masternode]", "port = 24100");
    assertThat(dir.resolve("conf/node.key")).doesNotExist(); // nothing but the config
  }

  @Test
  void generateConfigKeepsTheOtherFlags() {
    Path file = dir.resolve("config.toml");
    assertThat(
            timed(
                "--config",
                file.toString(),
                "--listen-addr",
                "127.0.0.1:24500",
                "--masternode",
                "--generate-config"))
        .as(err.toString())
        .isZero();
    NodeConfig c = ConfigLoader.load(file);
    assertThat(c.network().listenAddress()).isEqualTo("127.0.0.1");
    assertThat(c.network().port()).isEqualTo(24500);
    assertThat(c.masternode().enabled()).isTrue();
  }

  @Test
  void generateConfigNeverOverwrites() throws Exception {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, "[logging]\nlevel = \"warn\"\n");
    assertThat(timed("--config", file.toString(), "--generate-config")).isEqualTo(1);
    assertThat(err.toString()).contains("already exists");
    assertThat(Files.readString(file)).isEqualTo("[logging]\nlevel = \"warn\"\n");
  }

  @Test
  void aMalformedListenAddrStopsTheRunWithOneLine() {
    assertThat(timed("--home", dir.toString(), "--listen-addr", "host:99999")).isEqualTo(1);
    assertThat(err.toString())
        .contains("error: --listen-addr \"host:99999\"")
        .doesNotContain("\tat ");
  }

  @Test
  void theFlagsAreListedInTheHelp() {
    assertThat(timed("--help")).isZero();
    assertThat(out.toString())
        .contains("--listen-addr", "--masternode", "--verbose", "--generate-config", "--version");
  }
}
