package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Each benchmark runs with tiny parameters and ends with one JSON object holding its keys. */
class BenchSmokeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exitCode, String out, String err) {
    String lastLine() {
      List<String> lines = out.lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  static Run bench(String... args) {
    CommandLine cli = BenchMain.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> tinyRuns() {
    return Stream.of(
        Arguments.of(
            List.of("sig-limit", "--warmup-ms", "20", "--measure-ms", "50", "--json"),
            List.of("verify_per_s_1t", "verify_per_s_all")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tinyRuns")
  void printsTableThenOneJsonObjectLast(List<String> args, List<String> keys) throws Exception {
    Run run = bench(args.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("== " + args.get(0) + " ==");
    JsonNode json = JSON.readTree(run.lastLine());
    assertThat(json.isObject()).isTrue();
    assertThat(json.get("benchmark").asText()).isEqualTo(args.get(0));
    for (String key : keys) {
      assertThat(json.has(key)).as("key %s in %s", key, json).isTrue();
    }
  }

  @Test
  void withoutJsonTheLastLineIsTableText() {
    Run run = bench("sig-limit", "--warmup-ms", "10", "--measure-ms", "20");

    assertThat(run.exitCode()).isZero();
    assertThat(run.lastLine()).doesNotStartWith("{");
  }

  @Test
  void listNamesEveryBenchmark() {
    Run run = bench("--list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("sig-limit");
  }

  @Test
  void unknownBenchmarkFails() {
    Run run = bench("no-such-bench");

    assertThat(run.exitCode()).isNotZero();
  }
}
