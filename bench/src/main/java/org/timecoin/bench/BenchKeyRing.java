package org.timecoin.bench;

import java.util.List;
import java.util.Optional;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.node.wallet.KeyRing;
import org.timecoin.node.wallet.WalletAddress;

/** One key in memory: the wallet of a benchmark node. */
final class BenchKeyRing implements KeyRing {
  private final KeyPair key;
  private final Address address;

  BenchKeyRing(KeyPair key) {
    this.key = key;
    this.address = Address.fromPublicKey(key.publicKey());
  }

  @Override
  public List<WalletAddress> addresses() {
    return List.of(new WalletAddress(address, key.publicKey(), "bench"));
  }

  @Override
  public boolean owns(Address a) {
    return address.equals(a);
  }

  @Override
  public WalletAddress newAddress(String label) {
    throw new UnsupportedOperationException("the benchmark wallet has one key");
  }

  @Override
  public Optional<KeyPair> keyFor(Address a) {
    return address.equals(a) ? Optional.of(key) : Optional.empty();
  }
}
