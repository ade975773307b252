package org.timecoin.node.wallet;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;

/** Keys in memory, lockable, for tests of the spending side. */
public final class MemoryKeyRing implements KeyRing {
  private final Map<Address, KeyPair> keys = new ConcurrentHashMap<>();
  private final List<WalletAddress> addresses = new ArrayList<>();
  private volatile boolean locked;

  public MemoryKeyRing(KeyPair... initial) {
    for (KeyPair k : initial) {
      add(k, "");
    }
  }

  public synchronized WalletAddress add(KeyPair k, String label) {
    WalletAddress a = new WalletAddress(Address.fromPublicKey(k.publicKey()), k.publicKey(), label);
    keys.put(a.address(), k);
    addresses.add(a);
    return a;
  }

  public void lock(boolean locked) {
    this.locked = locked;
  }

  @Override
  public synchronized List<WalletAddress> addresses() {
    return List.copyOf(addresses);
  }

  @Override
  public boolean owns(Address address) {
    return keys.containsKey(address);
  }

  @Override
  public WalletAddress newAddress(String label) throws WalletLockedException {
    if (locked) {
      throw new WalletLockedException();
    }
    return add(KeyPair.generate(new SecureRandom()), label);
  }

  @Override
  public Optional<KeyPair> keyFor(Address address) throws WalletLockedException {
    if (locked) {
      throw new WalletLockedException();
    }
    return Optional.ofNullable(keys.get(address));
  }
}
