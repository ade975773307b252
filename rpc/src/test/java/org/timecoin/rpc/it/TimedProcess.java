package org.timecoin.rpc.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.RpcCredentials;

/**
 * One {@code timed} in a process of its own, run from this JVM's class path (node and the rpc
 * module's server), watched over its JSON-RPC port. Its output goes to {@code log}.
 */
final class TimedProcess implements AutoCloseable {
  private final List<String> args;
  private final Path log;
  private final URI rpcUri;
  private Process process;

  TimedProcess(List<String> args, Path log, int rpcPort) {
    this.args = List.copyOf(args);
    this.log = log;
    this.rpcUri = URI.create("http://127.0.0.1:" + rpcPort + "/");
  }

  void start() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.timecoin.node.Timed");
    cmd.addAll(args);
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  /** The node's home directory, as given with {@code --home}. */
  Path home() {
    return Path.of(args.get(args.indexOf("--home") + 1));
  }

  /** A client with the cookie the node wrote at its latest start (each start writes a new one). */
  RpcClient rpc() throws IOException {
    Path home = home();
    Path dataDir;
    try {
      dataDir = ConfigLoader.load(home.resolve("config.toml")).dataDir();
    } catch (ConfigException e) {
      throw new IOException(e.getMessage(), e);
    }
    return new RpcClient(
        rpcUri, RpcCredentials.fromDataDir(dataDir), Duration.ofMillis(500), Duration.ofSeconds(2));
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

  /** The hash of the block at {@code height}, or null when the node does not answer. */
  String blockHash(long height) {
    try {
      return rpc().call("getblock", height).path("hash").asText(null);
    } catch (IOException | RuntimeException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
