package org.timecoin.consensus.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary directories in memory ({@code /dev/shm}) when the machine has it: simulations that
 * fsync thousands of times then test the runtime, not the disk. The WAL's own tests use the real
 * disk.
 */
public final class FastTempDirs implements TempDirFactory {
  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
      throws Exception {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return Files.createTempDirectory(shm, "consensus-runtime-test");
    }
    return Files.createTempDirectory("consensus-runtime-test");
  }
}
