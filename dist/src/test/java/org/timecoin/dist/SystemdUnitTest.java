package org.timecoin.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {
  private static final Path UNIT = Path.of("src/dist/systemd/timecoin.service");
  private static final Path TIMED = Path.of("src/dist/bin/timed");

  @Test
  void theUnitHasTheHardeningOperatorsExpect() throws IOException {
    UnitFile unit = UnitFile.parse(Files.readString(UNIT));
    assertThat(ServiceHardening.problems(unit)).isEmpty();
    assertThat(unit.value("Service", "User")).isEqualTo("timecoin");
  }

  @Test
  void aUnitWithoutHardeningIsReportedKeyByKey() {
    UnitFile bare =
        UnitFile.parse(
            """
            [Unit]
            Description=bare
            [Service]
            ExecStart=/usr/bin/java -jar timed.jar
            TimeoutStopSec=5
            KillSignal=SIGKILL
            """);
    assertThat(ServiceHardening.problems(bare))
        .hasSize(13)
        .anyMatch(p -> p.contains("User="))
        .anyMatch(p -> p.contains("ProtectSystem="))
        .anyMatch(p -> p.contains("ReadWritePaths="))
        .anyMatch(p -> p.contains("NoNewPrivileges="))
        .anyMatch(p -> p.contains("TimeoutStopSec="))
        .anyMatch(p -> p.contains("KillSignal="));
  }

  @Test
  void rootIsNotADedicatedUser() {
    UnitFile unit = UnitFile.parse("[Service]\nUser=root\n");
    assertThat(ServiceHardening.problems(unit))
        .contains("[Service] User= must name a dedicated user");
  }

  @Test
  void readsTimeSpansAndContinuedLines() {
    assertThat(ServiceHardening.stopSeconds("120")).isEqualTo(120);
    assertThat(ServiceHardening.stopSeconds("2min 30s")).isEqualTo(150);
    assertThat(ServiceHardening.stopSeconds("infinity")).isEqualTo(-1);
    UnitFile unit = UnitFile.parse("[Service]\nReadWritePaths=/a \\\n  /var/lib/timecoin\n");
    assertThat(unit.value("Service", "ReadWritePaths")).isEqualTo("/a /var/lib/timecoin");
  }

  @Test
  void systemdAnalyzeVerifiesTheUnit(@TempDir Path dir) throws Exception {
    assumeThat(onPath("systemd-analyze")).as("systemd-analyze installed").isTrue();
    // verify checks that ExecStart exists: point it at this tree's copy of the script
    String text =
        Files.readString(UNIT)
            .replace("/opt/timecoin/bin/timed", TIMED.toAbsolutePath().toString());
    Path unit = dir.resolve("timecoin.service");
    Files.writeString(unit, text);
    Process p =
        new ProcessBuilder("systemd-analyze", "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    // unknown keys and bad values are only warnings, naming the unit
    assertThat(output).doesNotContain("timecoin.service");
  }

  private static boolean onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String d : path.split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }
}
