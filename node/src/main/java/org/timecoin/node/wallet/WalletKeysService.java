package org.timecoin.node.wallet;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.PrivateKeyText;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletException.Kind;
import org.timecoin.node.api.WalletKeys;

/** {@link WalletKeys} over the node's {@link Wallet}: text in, text out, errors with reasons. */
public final class WalletKeysService implements WalletKeys {
  /** The longest unlock walletpassphrase grants, as Bitcoin Core's (about three years). */
  public static final long MAX_UNLOCK_SECONDS = 100_000_000L;

  private final Wallet wallet;
  private final Network network;

  public WalletKeysService(Wallet wallet, Network network) {
    this.wallet = wallet;
    this.network = network;
  }

  @Override
  public WalletInfo info() {
    WalletStatus s = wallet.status();
    return new WalletInfo(
        s.exists(),
        s.encrypted(),
        s.encrypted() && s.locked(),
        s.unlockedUntilMillis() / 1000,
        s.keys(),
        s.keypool(),
        wallet.file().toString());
  }

  @Override
  public String newAddress(String label) throws WalletException {
    requireWallet();
    checkLabel(label);
    try {
      return wallet.newAddress(label).address().toText(network);
    } catch (WalletLockedException e) {
      throw new WalletException(
          Kind.LOCKED,
          "the key pool is empty and the wallet is locked: unlock it with walletpassphrase to"
              + " refill it");
    } catch (WalletFileException e) {
      throw fileError(e);
    } catch (IllegalStateException e) {
      throw new WalletException(Kind.FILE_ERROR, e.getMessage());
    }
  }

  @Override
  public List<WalletEntry> addresses() {
    return wallet.addresses().stream()
        .map(a -> new WalletEntry(a.address().toText(network), a.label()))
        .toList();
  }

  @Override
  public void encrypt(char[] passphrase) throws WalletException {
    try {
      if (passphrase.length == 0) {
        throw new WalletException(Kind.INVALID_PARAMETER, "the passphrase must not be empty");
      }
      wallet.encrypt(passphrase);
    } catch (WalletStateException e) {
      throw new WalletException(Kind.WRONG_STATE, e.getMessage());
    } catch (WalletFileException e) {
      throw fileError(e);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  @Override
  public void unlock(char[] passphrase, long seconds) throws WalletException {
    try {
      if (seconds < 1 || seconds > MAX_UNLOCK_SECONDS) {
        throw new WalletException(
            Kind.INVALID_PARAMETER,
            "the unlock time must be between 1 and " + MAX_UNLOCK_SECONDS + " seconds");
      }
      wallet.unlock(passphrase, Duration.ofSeconds(seconds));
    } catch (WrongPassphraseException e) {
      throw new WalletException(Kind.WRONG_PASSPHRASE, e.getMessage());
    } catch (WalletStateException e) {
      throw new WalletException(
          e.kind() == WalletStateException.Kind.NO_WALLET ? Kind.NO_WALLET : Kind.WRONG_STATE,
          e.getMessage());
    } catch (WalletFileException e) {
      throw fileError(e);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  @Override
  public void lock() throws WalletException {
    WalletInfo i = info();
    if (!i.exists()) {
      throw noWallet();
    }
    if (!i.encrypted()) {
      throw new WalletException(
          Kind.WRONG_STATE, "the wallet is not encrypted: there is nothing to lock");
    }
    wallet.lock();
  }

  @Override
  public String backup(String path) throws WalletException {
    requireWallet();
    Path target;
    try {
      target = Path.of(path);
    } catch (InvalidPathException e) {
      throw new WalletException(Kind.INVALID_PARAMETER, "not a valid path");
    }
    if (!target.isAbsolute()) {
      throw new WalletException(
          Kind.INVALID_PARAMETER, "give the backup an absolute path (it is written by the node)");
    }
    if (Files.isDirectory(target)) {
      target = target.resolve(wallet.file().getFileName());
    }
    if (target.normalize().equals(wallet.file().normalize())) {
      throw new WalletException(Kind.INVALID_PARAMETER, "that is the wallet file itself");
    }
    try {
      wallet.backupTo(target);
      return target.toString();
    } catch (WalletStateException e) {
      throw noWallet();
    } catch (WalletFileException e) {
      throw fileError(e);
    }
  }

  @Override
  public String importPrivateKey(String keyText, String label) throws WalletException {
    requireWallet();
    checkLabel(label);
    KeyPair key;
    try {
      key = PrivateKeyText.decode(keyText, network);
    } catch (AddressFormatException e) {
      throw new WalletException(Kind.INVALID_KEY, "invalid private key: " + e.getMessage());
    }
    try {
      return wallet.importKey(key, label).toText(network);
    } catch (WalletLockedException e) {
      throw locked();
    } catch (WalletFileException e) {
      throw fileError(e);
    } catch (IllegalStateException e) {
      throw new WalletException(Kind.FILE_ERROR, e.getMessage());
    }
  }

  @Override
  public String dumpPrivateKey(String addressText) throws WalletException {
    requireWallet();
    Address address;
    try {
      address = Address.parse(addressText, network);
    } catch (AddressFormatException e) {
      throw new WalletException(Kind.INVALID_ADDRESS, "invalid address: " + e.getMessage());
    }
    Optional<KeyPair> key;
    try {
      key = wallet.keyFor(address);
    } catch (WalletLockedException e) {
      throw locked();
    }
    if (key.isEmpty()) {
      throw new WalletException(Kind.NOT_IN_WALLET, "the wallet holds no key for this address");
    }
    return PrivateKeyText.encode(key.get(), network);
  }

  private void requireWallet() throws WalletException {
    if (!wallet.status().exists()) {
      throw noWallet();
    }
  }

  private static void checkLabel(String label) throws WalletException {
    if (label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > WalletFormat.MAX_LABEL_BYTES) {
      throw new WalletException(
          Kind.INVALID_PARAMETER,
          "a label is at most " + WalletFormat.MAX_LABEL_BYTES + " bytes of UTF-8");
    }
  }

  private static WalletException noWallet() {
    return new WalletException(
        Kind.NO_WALLET,
        "no wallet yet: create one with encryptwallet <passphrase> (or set [wallet] encrypted ="
            + " false)");
  }

  private static WalletException locked() {
    return new WalletException(
        Kind.LOCKED, "the wallet is locked: unlock it with walletpassphrase first");
  }

  private static WalletException fileError(WalletFileException e) {
    return new WalletException(Kind.FILE_ERROR, e.getMessage());
  }
}
