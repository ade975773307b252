package org.timecoin.node.wallet;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.domain.tx.Network;

/**
 * Opens the node's wallet at start: the file when it exists; otherwise a new unencrypted wallet
 * when the operator allowed one ({@code [wallet] encrypted = false}), or no wallet until {@code
 * encryptwallet} creates an encrypted one. A wallet is never created where only its backup is left:
 * that is a lost file to restore, not a first start.
 */
public final class WalletOpener {
  private static final Logger log = LoggerFactory.getLogger(WalletOpener.class);

  private WalletOpener() {}

  public static Wallet open(
      Path file, boolean encrypted, Network network, FileOps ops, WalletOptions options) {
    WalletStore store = new WalletStore(file, ops);
    if (store.exists()) {
      Wallet w = Wallet.open(store, options);
      WalletStatus s = w.status();
      log.info(
          "wallet {}: {} addresses, {}",
          store.file(),
          s.keys(),
          s.encrypted() ? "encrypted, locked" : "not encrypted");
      if (!s.encrypted() && encrypted) {
        log.warn(
            "wallet {} is not encrypted: encrypt it with 'time-cli encryptwallet PASSPHRASE'",
            store.file());
      }
      return w;
    }
    if (ops.exists(store.backupFile())) {
      throw new WalletFileException(
          store.file(),
          store.file()
              + " is missing but its backup "
              + store.backupFile()
              + " exists: restore it (cp "
              + store.backupFile()
              + " "
              + store.file()
              + ") and start again");
    }
    if (!encrypted) {
      createParent(store);
      Wallet w = Wallet.createPlain(store, options);
      log.info(
          "wallet {} created (not encrypted); first address {}",
          store.file(),
          w.addresses().getFirst().address().toText(network));
      return w;
    }
    log.warn(
        "no wallet yet: create an encrypted one with 'time-cli encryptwallet PASSPHRASE' or"
            + " 'timed init --wallet-passphrase-file FILE' (it will be {})",
        store.file());
    createParent(store);
    return Wallet.absent(store, options);
  }

  private static void createParent(WalletStore store) {
    try {
      java.nio.file.Files.createDirectories(store.file().getParent());
    } catch (java.io.IOException e) {
      throw new WalletFileException(
          store.file(), "cannot create the directory of " + store.file() + ": " + e.getMessage());
    }
  }
}
