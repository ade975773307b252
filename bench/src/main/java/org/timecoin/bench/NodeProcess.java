package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.RpcCredentials;

/**
 * One {@code timed} in a process of its own, run from this JVM's class path, watched over its
 * JSON-RPC port. Its output goes to {@code HOME/node.log}. {@link #kill} is SIGKILL.
 */
final class NodeProcess implements AutoCloseable {
  private final Path home;
  private final List<String> launchPrefix;
  private final URI rpcUri;
  private Process process;

  /**
   * @param launchPrefix command words before {@code java} (e.g. {@code ip netns exec NS})
   */
  NodeProcess(Path home, List<String> launchPrefix, String rpcHost, int rpcPort) {
    this.home = home;
    this.launchPrefix = List.copyOf(launchPrefix);
    this.rpcUri = URI.create("http://" + rpcHost + ":" + rpcPort + "/");
  }

  /**
   * A client with the cookie the node wrote at its latest start (each start writes a new one).
   * Short timeouts: a node across a cut link must not hold up the readings of the others.
   */
  private RpcClient rpc() throws IOException {
    return new RpcClient(
        rpcUri,
        RpcCredentials.fromDataDir(home.resolve("data")),
        Duration.ofMillis(500),
        Duration.ofSeconds(1));
  }

  void start() throws IOException {
    List<String> cmd = new ArrayList<>(launchPrefix);
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx768m");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.addAll(extraJavaOptions("TIMECOIN_NODE_JAVA_OPTS", home.getFileName().toString()));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.timecoin.node.Timed");
    cmd.add("--home");
    cmd.add(home.toString());
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("node.log").toFile()))
            .start();
  }

  /** The node's height, or -1 when it does not answer. */
  long height() {
    try {
      return rpc().call("getblockcount").asLong();
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The hash of the block at {@code height} (hex), or null when the node does not answer. */
  String blockHash(long height) {
    try {
      JsonNode block = rpc().call("getblock", height);
      return block.path("hash").asText(null);
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** CPU time the node's process used so far (all its threads, native ones too). */
  Duration cpu() {
    return process == null
        ? Duration.ZERO
        : process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * Profiling hook: extra JVM options from {@code envVar} (split on spaces; {@code {name}} becomes
   * {@code name}), none when it is unset.
   */
  static List<String> extraJavaOptions(String envVar, String name) {
    String opts = System.getenv(envVar);
    List<String> out = new ArrayList<>();
    if (opts != null) {
      for (String o : opts.trim().split(" +")) {
        if (!o.isEmpty()) {
          out.add(o.replace("{name}", name));
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && System.getenv("TIMECOIN_NODE_JAVA_OPTS") != null) {
      // profiling: a graceful stop lets JFR dump on exit
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    kill();
  }
}
