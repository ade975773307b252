package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code time-cli --home HOME --json ...} in a process of its own, against the node of that home
 * (its config gives the RPC port, its data directory the cookie of the node's latest start).
 */
final class TimeCliProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TimedProcess node;

  TimeCliProcess(TimedProcess node) {
    this.node = node;
  }

  /** One time-cli run: exit code, standard output and standard error. */
  record Run(String command, int code, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  Run run(Object... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.timecoin.rpc.cli.TimeCli");
    cmd.add("--home");
    cmd.add(node.home().toString());
    cmd.add("--json");
    for (Object a : args) {
      cmd.add(String.valueOf(a));
    }
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(p, false));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(p, true));
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "time-cli " + String.join(" ", cmd.subList(5, cmd.size())) + " hung");
    }
    return new Run(
        String.join(" ", cmd.subList(cmd.indexOf("--json") + 1, cmd.size())),
        p.exitValue(),
        new String(out.get(), StandardCharsets.UTF_8),
        new String(err.get(), StandardCharsets.UTF_8));
  }

  /** Runs a command that must succeed; its JSON output. */
  JsonNode ok(Object... args) throws Exception {
    Run r = run(args);
    assertThat(r.code()).as("time-cli %s: %s", r.command(), r.err()).isZero();
    return r.json();
  }

  /** Runs a command that must fail with a clear message (no stack trace); its standard error. */
  String fails(Object... args) throws Exception {
    Run r = run(args);
    assertThat(r.code()).as("time-cli %s should fail: %s", r.command(), r.out()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
    return r.err();
  }

  private static byte[] read(Process p, boolean err) {
    try {
      return (err ? p.getErrorStream() : p.getInputStream()).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
