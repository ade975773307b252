package org.timecoin.node.api;

import java.util.List;

/**
 * The wallet's keys as the RPC methods see them: addresses and private keys only in their text
 * forms, passphrases as char arrays the wallet overwrites once used.
 */
public interface WalletKeys {
  WalletInfo info();

  /** A new address of this node's network, saved before it is returned. */
  String newAddress(String label) throws WalletException;

  /** The addresses handed out, oldest first. */
  List<WalletEntry> addresses();

  /** Encrypts the wallet (or creates an encrypted one) and leaves it locked. */
  void encrypt(char[] passphrase) throws WalletException;

  void unlock(char[] passphrase, long seconds) throws WalletException;

  void lock() throws WalletException;

  /** Copies the wallet file to {@code path} (absolute; a directory gets the file's own name). */
  String backup(String path) throws WalletException;

  /** Adds the key in {@code keyText}; returns its address. */
  String importPrivateKey(String keyText, String label) throws WalletException;

  /** The private key of {@code address} in its text form; only while unlocked. */
  String dumpPrivateKey(String address) throws WalletException;

  /** One address of the wallet with its label. */
  record WalletEntry(String address, String label) {}

  /**
   * {@code unlockedUntil}: Unix seconds at which an unlocked encrypted wallet locks again, 0 when
   * locked or not encrypted. {@code keys}: addresses handed out; {@code keypool}: keys ready to be.
   */
  record WalletInfo(
      boolean exists,
      boolean encrypted,
      boolean locked,
      long unlockedUntil,
      int keys,
      int keypool,
      String file) {}
}
