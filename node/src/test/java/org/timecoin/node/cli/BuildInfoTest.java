package org.timecoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.timecoin.node.Timed;

class BuildInfoTest {
  private static Properties props(String version, String commit) {
    Properties p = new Properties();
    p.setProperty("version", version);
    p.setProperty("commit", commit);
    return p;
  }

  @Test
  void namesVersionAndCommit() {
    BuildInfo info = BuildInfo.of(props("1.2.3", "0123456789"));
    assertThat(info.describe("timed")).isEqualTo("timed 1.2.3 (commit 0123456789)");
  }

  @Test
  void aBuildOutsideGitLeavesPlaceholdersThatReadUnknown() {
    BuildInfo info = BuildInfo.of(props("1.2.3", "${buildNumber}"));
    assertThat(info.describe("timed")).isEqualTo("timed 1.2.3 (commit unknown)");
    assertThat(BuildInfo.of(props("1.2.3", "unknown")).commit()).isEqualTo("unknown");
    assertThat(BuildInfo.of(new Properties()).describe("timed"))
        .isEqualTo("timed unknown (commit unknown)");
  }

  @Test
  void theBuildFilledInThisBuildsVersion() {
    BuildInfo info = BuildInfo.current();
    assertThat(info.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    // a clean clone has a commit; a source tree without .git says unknown
    assertThat(info.commit()).matches("[0-9a-f]{7,40}|unknown");
  }

  @Test
  void timedVersionPrintsTheBuildInfo() {
    StringWriter out = new StringWriter();
    int code =
        Timed.run(
            new String[] {"--version"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertThat(code).isZero();
    assertThat(out.toString().trim()).isEqualTo(BuildInfo.current().describe("timed"));
  }
}
