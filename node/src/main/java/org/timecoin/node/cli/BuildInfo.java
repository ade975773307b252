package org.timecoin.node.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and the commit this build came from, as the build wrote them into {@code
 * build-info.properties}. A build outside a git checkout leaves the commit unresolved; it then
 * reads "unknown".
 */
public record BuildInfo(String version, String commit) {
  static final String RESOURCE = "/org/timecoin/node/build-info.properties";
  static final String UNKNOWN = "unknown";

  /** The build info on the class path. */
  public static BuildInfo current() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(p);
  }

  static BuildInfo of(Properties p) {
    return new BuildInfo(resolved(p.getProperty("version")), resolved(p.getProperty("commit")));
  }

  /** A value the build did not fill in (missing, empty or still a placeholder) is unknown. */
  private static String resolved(String value) {
    if (value == null || value.isBlank() || value.contains("${")) {
      return UNKNOWN;
    }
    return value.trim();
  }

  /** {@code timed 0.1.0 (commit 1a2b3c4d5e)}. */
  public String describe(String program) {
    return program + " " + version + " (commit " + commit + ")";
  }

  /** picocli's {@code --version} for {@code timed}. */
  public static final class TimedVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {current().describe("timed")};
    }
  }
}
