package org.timecoin.node.wallet;

import java.nio.file.Path;

/**
 * The wallet file cannot be read or written. The message names the file and says what the operator
 * can do about it. Unchecked: a failed save can surface from any method that changes the wallet.
 */
public final class WalletFileException extends RuntimeException {
  private final Path file;

  public WalletFileException(Path file, String message) {
    super(message);
    this.file = file;
  }

  public WalletFileException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
