package org.timecoin.rpc.it;

import java.util.List;
import java.util.Optional;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.node.wallet.KeyRing;
import org.timecoin.node.wallet.WalletAddress;
import org.timecoin.node.wallet.WalletLockedException;

/** A fixed set of keys in memory that the test can lock. */
final class TestKeyRing implements KeyRing {
  private final List<KeyPair> keys;
  volatile boolean locked;

  TestKeyRing(KeyPair... keys) {
    this.keys = List.of(keys);
  }

  @Override
  public List<WalletAddress> addresses() {
    return keys.stream()
        .map(k -> new WalletAddress(Address.fromPublicKey(k.publicKey()), k.publicKey(), ""))
        .toList();
  }

  @Override
  public boolean owns(Address address) {
    return keys.stream().anyMatch(k -> address.matches(k.publicKey()));
  }

  @Override
  public WalletAddress newAddress(String label) {
    throw new UnsupportedOperationException("a fixed key ring");
  }

  @Override
  public Optional<KeyPair> keyFor(Address address) throws WalletLockedException {
    if (locked) {
      throw new WalletLockedException();
    }
    return keys.stream().filter(k -> address.matches(k.publicKey())).findFirst();
  }
}
