package org.timecoin.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tarball as a user gets it: unpacked away from the source tree and run with a PATH that holds
 * only the shell tools its scripts use (no Maven), from the jars alone.
 */
class DistributionIT {
  /** What bin/timed, bin/time-cli and bin/find-jdk call; nothing else is on their PATH. */
  private static final List<String> TOOLS =
      List.of("bash", "env", "dirname", "readlink", "sed", "awk", "cut");

  @TempDir static Path work;
  private static Path dist;
  private static Path tools;

  @BeforeAll
  static void unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("dist.tarball", "target/missing.tar.gz"));
    assertThat(tarball).as("built by the package phase").exists();
    run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()), null, Map.of(), 120);
    dist = work.resolve("timecoin-" + System.getProperty("dist.version"));
    tools = Files.createDirectories(work.resolve("tools"));
    for (String tool : TOOLS) {
      Files.createSymbolicLink(tools.resolve(tool), which(tool));
    }
  }

  @Test
  void holdsScriptsJarsConfigUnitAndInstallText() {
    for (String script : List.of("bin/timed", "bin/time-cli", "bin/find-jdk")) {
      assertThat(Files.isExecutable(dist.resolve(script))).as(script).isTrue();
    }
    assertThat(dist.resolve("lib").toFile().list())
        .anyMatch(n -> n.startsWith("node-"))
        .anyMatch(n -> n.startsWith("rpc-"))
        .anyMatch(n -> n.startsWith("rocksdbjni-"));
    assertThat(dist.resolve("conf/config.toml.example")).content().contains("[network]", "[rpc]");
    assertThat(dist.resolve("systemd/timecoin.service")).exists();
    assertThat(dist.resolve("INSTALL")).content().contains("systemctl");
  }

  @Test
  void versionNamesTheVersionAndTheCommit() throws Exception {
    String out = sanitized(List.of("bin/timed", "--version"), 60);
    assertThat(out.trim())
        .startsWith("timed " + System.getProperty("dist.version") + " (commit ")
        .matches("timed \\S+ \\(commit ([0-9a-f]{7,40}|unknown)\\)");
  }

  @Test
  void initsADevnetAndRunsANodeThatMakesBlocks() throws Exception {
    int p2p = freePortPair();
    Path home = work.resolve("devnet");
    String init =
        sanitized(
            List.of(
                "bin/timed",
                "--home",
                home.toString(),
                "init",
                "--devnet",
                "1",
                "--base-port",
                Integer.toString(p2p)),
            60);
    assertThat(init).contains("node0:");
    Path node0 = home.resolve("node0");
    Path config = node0.resolve("config.toml");
    // an empty block every second, so blocks come without transactions
    Files.writeString(
        config,
        Files.readString(config)
            .replaceAll("empty_block_interval_ms = \\d+", "empty_block_interval_ms = 1000"));
    Path log = work.resolve("node0.log");
    Process node =
        processBuilder(List.of("bin/timed", "--home", node0.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> blockCount(node0) >= 3);
      node.destroy(); // SIGTERM: the shutdown hook closes the node
      assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
      // the systemd unit counts this status as a clean stop (SuccessExitStatus=143)
      assertThat(node.exitValue()).isEqualTo(143);
      assertThat(Files.readString(log))
          .contains("started as masternode, voting", "stopping: signal");
    } finally {
      node.destroyForcibly();
    }
  }

  /**
   * The node's height by time-cli, which finds the node's RPC address and login cookie from its
   * home, or -1 while its RPC server is not up.
   */
  private static long blockCount(Path home) throws Exception {
    Process p =
        processBuilder(List.of("bin/time-cli", "--home", home.toString(), "get-block-count"))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("time-cli finished").isTrue();
    return p.exitValue() == 0 && out.matches("\\d+") ? Long.parseLong(out) : -1;
  }

  /** Runs a script of the distribution from its directory, with the sanitized environment. */
  private static String sanitized(List<String> command, int seconds) throws Exception {
    Process p = processBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as(command + " finished").isTrue();
    assertThat(p.exitValue()).as(command + ": " + out).isZero();
    return out;
  }

  private static ProcessBuilder processBuilder(List<String> command) {
    List<String> cmd = new ArrayList<>(command);
    cmd.set(0, dist.resolve(command.get(0)).toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dist.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", tools.toString());
    env.put("HOME", work.toString());
    // the Java running this test is 21+; bin/find-jdk accepts it as an operator's JAVA_HOME
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return pb;
  }

  private static void run(List<String> command, File dir, Map<String, String> env, int seconds)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private static Path which(String tool) throws IOException {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(d, tool);
      if (!d.isEmpty() && Files.isExecutable(candidate)) {
        return candidate.toRealPath();
      }
    }
    throw new IOException(tool + " not found on PATH");
  }

  /** A free port p with p + 1 free too (P2P and RPC of node0). */
  private static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int p;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        p = s.getLocalPort();
      }
      if (p < 65000) {
        try (ServerSocket a = new ServerSocket(p, 1, InetAddress.getLoopbackAddress());
            ServerSocket b = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
          return a.getLocalPort();
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port pair");
  }
}
