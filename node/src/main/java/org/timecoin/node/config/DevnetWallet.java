package org.timecoin.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.wallet.FileOps;
import org.timecoin.node.wallet.KdfParams;
import org.timecoin.node.wallet.Wallet;
import org.timecoin.node.wallet.WalletOptions;
import org.timecoin.node.wallet.WalletStore;

/** The unencrypted wallet of a devnet validator, written when the devnet is laid out. */
final class DevnetWallet {
  private DevnetWallet() {}

  static void create(Path file, KeyPair nodeKey) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot create its directory: " + e.getMessage(), e);
    }
    // Nothing here locks or encrypts: the clock and scheduler are never used.
    WalletOptions options =
        new WalletOptions(
            Clock.SYSTEM,
            (delay, task) -> () -> {},
            new SecureRandom(),
            KdfParams.standard(new byte[KdfParams.SALT_BYTES]),
            WalletOptions.DEFAULT_KEYPOOL);
    Wallet.createPlain(new WalletStore(file, FileOps.REAL), options, nodeKey, "validator").close();
  }
}
