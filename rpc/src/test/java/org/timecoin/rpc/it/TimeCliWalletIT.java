package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.node.devnet.LocalDevnet;

/**
 * What an operator does with {@code time-cli}, run as a process of its own against a real
 * four-validator devnet: node 0's wallet (which holds its genesis allocation) pays an address of
 * node 1's wallet, twice at once, then too much; node 1 merges what it received.
 */
class TimeCliWalletIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  /** One time-cli process: exit code, standard output and standard error. */
  record Run(int code, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private Run cli(int node, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.timecoin.rpc.cli.TimeCli");
    cmd.add("--rpc-url");
    cmd.add("http://127.0.0.1:" + net.node(node).rpcAddress().orElseThrow().getPort() + "/");
    cmd.add("--datadir");
    cmd.add(net.rpcCookie(node).getParent().toString());
    cmd.add("--json");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(p, false));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(p, true));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("time-cli finished").isTrue();
    return new Run(
        p.exitValue(),
        new String(out.get(), StandardCharsets.UTF_8),
        new String(err.get(), StandardCharsets.UTF_8));
  }

  private static byte[] read(Process p, boolean err) {
    try {
      return (err ? p.getErrorStream() : p.getInputStream()).readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Run ok(int node, String... args) throws Exception {
    Run r = cli(node, args);
    assertThat(r.code()).as("time-cli %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  private void awaitFinal(int node, String txid) throws Exception {
    JsonNode f = ok(node, "wait-transaction-finality", txid, "60").json();
    assertThat(f.get("finalized").asBoolean()).as("finality of %s", txid).isTrue();
  }

  @Test
  void anOperatorSendsReceivesAndMergesWithTimeCli() throws Exception {
    net =
        LocalDevnet.create(
            dir,
            4,
            DevnetRpcIT.freeRun(10),
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            List.of(),
            Clock.SYSTEM);
    net.startAll();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> net.node(0).chain().height() >= 1 && net.node(1).chain().height() >= 1);

    String address = ok(1, "get-new-address", "from-node0").json().asText();
    assertThat(address).startsWith("TIME0");
    assertThat(ok(1, "get-balance", address).json().asLong()).isZero();

    String first = ok(0, "send-to-address", address, "12.5").json().asText();
    awaitFinal(0, first);
    JsonNode tx = ok(0, "get-transaction", first).json();
    assertThat(tx.get("state").asText()).isEqualTo("final");
    assertThat(tx.get("confirmations").asLong()).isGreaterThanOrEqualTo(1);
    awaitBalance(1, address, Amounts.ofTime(12) + 50_000_000);

    // Two sends at once each get coins of their own.
    CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> quietly(0, address, "1"));
    CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> quietly(0, address, "2"));
    Run ra = a.get();
    Run rb = b.get();
    assertThat(ra.code()).as(ra.err()).isZero();
    assertThat(rb.code()).as(rb.err()).isZero();
    String txA = ra.json().asText();
    String txB = rb.json().asText();
    assertThat(txA).isNotEqualTo(txB);
    awaitFinal(0, txA);
    awaitFinal(0, txB);
    awaitBalance(1, address, Amounts.ofTime(15) + 50_000_000);

    Run tooMuch = cli(0, "send-to-address", address, "99999999");
    assertThat(tooMuch.code()).isEqualTo(1);
    assertThat(tooMuch.err()).contains("insufficient funds").doesNotContain("Exception", "\tat ");

    // Node 1 merges the three payments it received into one output.
    JsonNode merged = ok(1, "merge-utxos", "-m", "3", "-x", "3", "-a", address).json();
    assertThat(merged.get("merged").asInt()).isEqualTo(3);
    awaitFinal(1, merged.get("txid").asText());
    assertThat(ok(1, "get-transaction", merged.get("txid").asText()).json().get("state").asText())
        .isEqualTo("final");
  }

  /** Waits for {@code address} to hold {@code units}: validators' totals also grow by rewards. */
  private void awaitBalance(int node, String address, long units) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(ok(node, "get-balance", address).json().asLong()).isEqualTo(units));
  }

  private Run quietly(int node, String address, String amount) {
    try {
      return cli(node, "send-to-address", address, amount);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
