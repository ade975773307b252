package org.timecoin.consensus.runtime.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicRecordFileTest {
  @TempDir Path dir;

  @Test
  void emptyUntilWrittenThenHoldsTheLastRecord() {
    AtomicRecordFile file = new AtomicRecordFile(dir.resolve("guard"));
    assertThat(file.read()).isEmpty();
    file.write(new byte[] {1, 2, 3});
    file.write(new byte[] {4, 5});
    assertThat(new AtomicRecordFile(dir.resolve("guard")).read()).hasValue(new byte[] {4, 5});
    assertThat(dir.resolve("guard.tmp")).doesNotExist();
  }

  @Test
  void leftoverTemporaryFileFromACrashIsIgnoredAndReplaced() throws IOException {
    AtomicRecordFile file = new AtomicRecordFile(dir.resolve("guard"));
    file.write(new byte[] {1});
    Files.write(dir.resolve("guard.tmp"), new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    assertThat(file.read()).hasValue(new byte[] {1});
    file.write(new byte[] {2});
    assertThat(file.read()).hasValue(new byte[] {2});
  }

  @Test
  void damagedFileIsRefused() throws IOException {
    AtomicRecordFile file = new AtomicRecordFile(dir.resolve("guard"));
    file.write(new byte[] {1, 2, 3});
    byte[] data = Files.readAllBytes(file.path());
    data[data.length - 1] ^= 1;
    Files.write(file.path(), data);
    assertThatThrownBy(file::read)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void trailingBytesAreRefused() throws IOException {
    AtomicRecordFile file = new AtomicRecordFile(dir.resolve("guard"));
    file.write(new byte[] {1, 2, 3});
    Files.write(file.path(), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(file::read).isInstanceOf(IllegalStateException.class);
  }
}
