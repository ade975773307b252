package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.rpc.cli.RpcCredentials;

class CookieFileTest {
  @TempDir Path dir;

  @Test
  void eachStartWritesANewOwnerOnlySecretThatAStopDeletes() throws Exception {
    Path data = dir.resolve("data");
    CookieFile first = CookieFile.write(data, new SecureRandom());
    assertThat(first.path()).isEqualTo(data.resolve(".cookie"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.path())))
        .isEqualTo("rw-------");
    RpcCredentials read = RpcCredentials.fromDataDir(data);
    assertThat(read.user()).isEqualTo("__cookie__");
    assertThat(read.password()).isEqualTo(first.secret()).hasSize(64);

    CookieFile second = CookieFile.write(data, new SecureRandom());
    assertThat(second.secret()).isNotEqualTo(first.secret());
    first.close(); // an earlier run's close leaves the newer cookie alone
    assertThat(RpcCredentials.fromDataDir(data).password()).isEqualTo(second.secret());
    second.close();
    assertThat(data.resolve(".cookie")).doesNotExist();
  }
}
