package org.timecoin.node.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.wallet.FileOps;
import org.timecoin.node.wallet.Wallet;
import org.timecoin.node.wallet.WalletOptions;
import org.timecoin.node.wallet.WalletStateException;
import org.timecoin.node.wallet.WalletStore;

/**
 * The wallet part of {@code timed init}: an encrypted wallet with the passphrase from a file or the
 * console, or a plain one when {@code [wallet] encrypted = false}; its first address is printed.
 */
final class InitWallet {
  private InitWallet() {}

  static void create(NodeConfig config, Network network, Path passphraseFile, PrintWriter out)
      throws IOException {
    Path file = config.walletFile();
    WalletStore store = new WalletStore(file, FileOps.REAL);
    if (store.exists()) {
      out.println("wallet: " + file + " (exists, left as it is)");
      return;
    }
    if (Files.exists(store.backupFile())) {
      out.println(
          "wallet: "
              + file
              + " is missing but its backup "
              + store.backupFile()
              + " exists: restore it (cp "
              + store.backupFile()
              + " "
              + file
              + "); no new wallet created");
      return;
    }
    Files.createDirectories(store.file().getParent());
    // Creating a wallet never starts its relock timer.
    WalletOptions options = WalletOptions.standard(Clock.SYSTEM, (delay, task) -> () -> {});
    Wallet wallet;
    if (!config.wallet().encrypted()) {
      wallet = Wallet.createPlain(store, options);
    } else {
      char[] passphrase = passphrase(passphraseFile);
      if (passphrase == null) {
        out.println(
            "wallet: not created; start timed and run 'time-cli encrypt-wallet PASSPHRASE', or run"
                + " 'timed init --wallet-passphrase-file FILE'");
        return;
      }
      wallet = Wallet.absent(store, options);
      try {
        wallet.encrypt(passphrase);
      } catch (WalletStateException e) {
        throw new ConfigException(file + ": " + e.getMessage(), e);
      } finally {
        Arrays.fill(passphrase, '\0');
      }
    }
    out.println(
        "wallet: "
            + file
            + (config.wallet().encrypted() ? " (encrypted)" : " (NOT encrypted)")
            + ", first address "
            + wallet.addresses().getFirst().address().toText(network));
    wallet.close();
  }

  /** The passphrase from the first line of {@code file}, the console, or null when neither. */
  private static char[] passphrase(Path file) throws IOException {
    if (file != null) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.getFirst().isEmpty()) {
        throw new ConfigException(file + ": the first line must hold the wallet passphrase");
      }
      return lines.getFirst().toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      return null;
    }
    char[] first = console.readPassword("wallet passphrase: ");
    char[] again = console.readPassword("again: ");
    if (first == null || first.length == 0 || !Arrays.equals(first, again)) {
      throw new ConfigException("the passphrases were empty or did not match; wallet not created");
    }
    Arrays.fill(again, '\0');
    return first;
  }
}
