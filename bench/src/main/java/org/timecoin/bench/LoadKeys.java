package org.timecoin.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.TxOut;

/**
 * The keys of the honest load: {@code count} keys derived from a seed, so the devnet that funds
 * them in its genesis and the load process that spends them agree without sharing a file.
 */
final class LoadKeys {
  private final List<KeyPair> keys;
  private final List<Address> addresses;
  private final Map<Address, Integer> indexOf;

  private LoadKeys(List<KeyPair> keys) {
    this.keys = List.copyOf(keys);
    this.addresses = keys.stream().map(k -> Address.fromPublicKey(k.publicKey())).toList();
    this.indexOf = new HashMap<>(2 * keys.size());
    for (int i = 0; i < addresses.size(); i++) {
      indexOf.put(addresses.get(i), i);
    }
  }

  /** Key i is SHA-256("timecoin load key" ‖ seed ‖ i) as an Ed25519 seed. */
  static LoadKeys derive(long seed, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("the load needs at least one key, got " + count);
    }
    List<KeyPair> keys = new ArrayList<>(count);
    byte[] tag = "timecoin load key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      ByteBuffer b = ByteBuffer.allocate(tag.length + 12).put(tag).putLong(seed).putInt(i);
      keys.add(KeyPair.fromSeed(Sha256.digest(b.array())));
    }
    return new LoadKeys(keys);
  }

  int size() {
    return keys.size();
  }

  KeyPair key(int i) {
    return keys.get(i);
  }

  Address address(int i) {
    return addresses.get(i);
  }

  /** The index of the key behind {@code a}, or -1 when it is not a load key. */
  int indexOf(Address a) {
    return indexOf.getOrDefault(a, -1);
  }

  /**
   * Genesis outputs funding the keys: {@code coins} outputs of {@code amount}, dealt round the keys
   * so that each key holds at least one when {@code coins >= size()}.
   */
  List<TxOut> genesisAllocations(int coins, long amount) {
    List<TxOut> out = new ArrayList<>(coins);
    for (int i = 0; i < coins; i++) {
      out.add(new TxOut(amount, addresses.get(i % addresses.size())));
    }
    return out;
  }
}
