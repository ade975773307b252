package org.timecoin.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/find-jdk, which the tarball ships: --runtime takes a JRE, the build needs javac. */
class FindJdkTest {
  private static final Path FIND_JDK = Path.of("../bin/find-jdk").toAbsolutePath().normalize();

  @TempDir Path dir;

  /** A Java home of the given version whose java is this JVM's, with or without javac. */
  private Path fakeHome(String name, int major, boolean withJavac) throws Exception {
    Path home = Files.createDirectories(dir.resolve(name));
    Files.createDirectories(home.resolve("bin"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.createSymbolicLink(home.resolve("bin/java"), java);
    if (withJavac) {
      Files.createSymbolicLink(home.resolve("bin/javac"), java);
    }
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + major + ".0.2\"\n");
    return home;
  }

  private String findJdk(Path javaHome, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(FIND_JDK.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("JAVA_HOME", javaHome.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void runtimeModeTakesAJreFromJavaHome() throws Exception {
    Path jre = fakeHome("jre21", 21, false);
    assertThat(findJdk(jre, "--runtime")).isEqualTo(jre.toString());
  }

  @Test
  void theBuildPassesOverAJreWithoutJavac() throws Exception {
    Path jre = fakeHome("jre21", 21, false);
    assertThat(findJdk(jre)).isNotEqualTo(jre.toString());
    Path jdk = fakeHome("jdk21", 21, true);
    assertThat(findJdk(jdk)).isEqualTo(jdk.toString());
  }

  @Test
  void aJavaOlderThan21IsPassedOver() throws Exception {
    Path old = fakeHome("jre17", 17, true);
    assertThat(findJdk(old, "--runtime")).isNotEqualTo(old.toString());
  }
}
