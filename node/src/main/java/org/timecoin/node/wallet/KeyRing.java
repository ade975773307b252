package org.timecoin.node.wallet;

import java.util.List;
import java.util.Optional;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;

/**
 * The wallet's keys: which addresses it owns, and the private keys behind them while it is
 * unlocked. Spending code asks this port for keys at the moment it signs and never keeps them.
 */
public interface KeyRing {
  /** Every address of the wallet, oldest first. */
  List<WalletAddress> addresses();

  boolean owns(Address address);

  /** A fresh key, saved before it is returned, so an address handed out is never lost. */
  WalletAddress newAddress(String label) throws WalletLockedException;

  /**
   * The key pair behind {@code address}, or empty when the wallet does not own it.
   *
   * @throws WalletLockedException when the wallet is encrypted and not unlocked
   */
  Optional<KeyPair> keyFor(Address address) throws WalletLockedException;
}
