package org.timecoin.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image tar that Jib wrote (profile {@code image}): its manifest and config say how the
 * container runs, and its layers hold the data directory the non-root user writes.
 */
class ContainerImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATA_DIR = "/var/lib/timecoin";

  private static final Map<String, byte[]> files = new HashMap<>();
  private static JsonNode manifest;
  private static JsonNode config;

  @BeforeAll
  static void readTheImageTar() throws IOException {
    Path tar = Path.of(System.getProperty("image.tar", "target/missing-image.tar"));
    assertThat(tar).as("written by jib:buildTar in the package phase").exists();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
      TarEntries.forEach(
          in,
          (e, content) -> {
            if (e.name().endsWith(".json")) {
              files.put(e.name(), content.readAllBytes());
            }
          });
    }
    manifest = JSON.readTree(files.get("manifest.json")).get(0);
    config = JSON.readTree(files.get(manifest.get("Config").asText())).get("config");
  }

  @Test
  void tagsTheImageWithTheVersion() {
    assertThat(manifest.get("RepoTags").get(0).asText())
        .endsWith(":" + System.getProperty("dist.version"));
  }

  @Test
  void entrypointRunsTimedOnTheDataDirectory() {
    List<String> entrypoint = new ArrayList<>();
    config.get("Entrypoint").forEach(n -> entrypoint.add(n.asText()));
    assertThat(entrypoint.get(0)).isEqualTo("java");
    assertThat(entrypoint)
        .containsSubsequence("-cp", "@/app/jib-classpath-file")
        .containsSubsequence("org.timecoin.node.Timed", "--home", DATA_DIR)
        .endsWith(DATA_DIR);
  }

  @Test
  void runsAsANonRootUserOfTheRootGroup() {
    String user = config.get("User").asText();
    assertThat(user).isEqualTo("10001:0");
    assertThat(user.split(":")[0]).isNotIn("0", "root");
  }

  @Test
  void exposesP2pRpcAndMetricsPortsOfBothNetworks() {
    List<String> ports = new ArrayList<>();
    config.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertThat(ports)
        .containsExactlyInAnyOrder(
            "24000/tcp", "24001/tcp", "24002/tcp", "24100/tcp", "24101/tcp", "24102/tcp");
  }

  @Test
  void theDataDirectoryIsAVolumeTheUsersGroupMayWrite() throws IOException {
    assertThat(config.get("Volumes").has(DATA_DIR)).isTrue();
    Path tar = Path.of(System.getProperty("image.tar"));
    List<TarEntries.Entry> found = new ArrayList<>();
    List<String> layers = new ArrayList<>();
    manifest.get("Layers").forEach(n -> layers.add(n.asText()));
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
      TarEntries.forEach(
          in,
          (e, content) -> {
            if (layers.contains(e.name())) {
              TarEntries.forEach(
                  new GZIPInputStream(content),
                  (inner, ignored) -> {
                    if (inner.name().replaceAll("^/|/$", "").equals(DATA_DIR.substring(1))) {
                      found.add(inner);
                    }
                  });
            }
          });
    }
    assertThat(found).hasSize(1);
    TarEntries.Entry dir = found.get(0);
    assertThat(dir.isDirectory()).isTrue();
    assertThat(dir.gid()).isZero(); // the user's group
    assertThat(dir.mode() & 0070).isEqualTo(0070);
    assertThat(dir.mode() & 0007).as("no access for others").isZero();
  }
}
