package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.str;

/**
 * {@code [wallet]}: the wallet file, relative to the data directory, and whether it must be
 * encrypted. An unencrypted wallet is created on first start only when {@code encrypted = false}.
 */
public record WalletSection(String file, boolean encrypted) {

  public static WalletSection defaults() {
    return new WalletSection("wallet.dat", true);
  }

  static WalletSection read(TomlTable t) {
    WalletSection d = defaults();
    WalletSection s =
        new WalletSection(
            NodeSection.nonBlank(t, "file", t.string("file", d.file)),
            t.bool("encrypted", d.encrypted));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("wallet", "The node's wallet.")
        .key("file", str(file), "Wallet file, relative to the data directory")
        .key(
            "encrypted",
            bool(encrypted),
            "Keep keys encrypted with a passphrase (set false only for a devnet: then a plain"
                + " wallet is created on first start)");
  }
}
