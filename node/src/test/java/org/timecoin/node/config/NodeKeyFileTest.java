package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeyFileTest {
  @TempDir Path dir;

  @Test
  void createdKeyIsOwnerOnlyAndReadsBack() throws Exception {
    Path file = dir.resolve("keys/node.key");
    byte[] seed = NodeKeyFile.create(file, new SecureRandom());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(NodeKeyFile.read(file)).isEqualTo(seed);
  }

  @Test
  void refusesToOverwriteAnExistingKey() {
    Path file = dir.resolve("node.key");
    NodeKeyFile.create(file, new SecureRandom());
    assertThatThrownBy(() -> NodeKeyFile.create(file, new SecureRandom()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void refusesAKeyReadableByOthers() throws Exception {
    Path file = dir.resolve("node.key");
    NodeKeyFile.create(file, new SecureRandom());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> NodeKeyFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chmod 600");
  }

  @Test
  void refusesMalformedKey() throws Exception {
    Path file = dir.resolve("node.key");
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, "zz\n");
    assertThatThrownBy(() -> NodeKeyFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("64 hexadecimal characters");
  }

  @Test
  void missingKeyPointsToInit() {
    assertThatThrownBy(() -> NodeKeyFile.read(dir.resolve("none.key")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("timed init");
  }
}
