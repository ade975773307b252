package org.timecoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code bench load} as a child process of another benchmark: the load comes from outside every
 * node's JVM, over the nodes' public JSON-RPC. Its table goes to {@code load.out}, its progress to
 * {@code load.log}; the report is the JSON object on the last line.
 */
final class LoadProcess implements AutoCloseable {
  private final Path out;
  private final Path log;
  private final Process process;

  private LoadProcess(Path out, Path log, Process process) {
    this.out = out;
    this.log = log;
    this.process = process;
  }

  /** CPU time the load's process used so far. */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Starts the load against every node of {@code devnet}; {@code options} as for the command. */
  static LoadProcess start(ProcessDevnet devnet, Path workDir, long seed, List<String> options)
      throws IOException {
    List<String> endpoints = new ArrayList<>();
    List<String> cookies = new ArrayList<>();
    for (int i = 0; i < devnet.size(); i++) {
      endpoints.add(devnet.rpcUri(i).toString());
      cookies.add(devnet.cookie(i).toString());
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx1g");
    cmd.addAll(NodeProcess.extraJavaOptions("TIMECOIN_LOAD_JAVA_OPTS", "load"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchMain.class.getName());
    cmd.add("load");
    cmd.add("--json");
    cmd.add("--seed=" + seed);
    cmd.add("--rpc=" + String.join(",", endpoints));
    cmd.add("--cookie=" + String.join(",", cookies));
    cmd.add("--genesis=" + devnet.genesisFile());
    cmd.addAll(options);
    Path out = workDir.resolve("load.out");
    Path log = workDir.resolve("load.log");
    Process p =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    return new LoadProcess(out, log, p);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Tells a load started with {@code --window-on-stdin} to open its measured window now. */
  void openWindow() throws IOException {
    OutputStream in = process.getOutputStream();
    in.write("window\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Waits for the load to end and returns its report; fails with its log when it did not. */
  JsonNode awaitReport(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the load did not end in " + timeout + ":\n" + tail(log));
    }
    List<String> lines = Files.readAllLines(out);
    if (process.exitValue() != 0
        || lines.isEmpty()
        || !lines.get(lines.size() - 1).startsWith("{")) {
      throw new IllegalStateException(
          "the load failed (exit " + process.exitValue() + "):\n" + tail(log) + "\n" + tail(out));
    }
    return new ObjectMapper().readTree(lines.get(lines.size() - 1));
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
    return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream()
        .collect(Collectors.joining("\n"));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
