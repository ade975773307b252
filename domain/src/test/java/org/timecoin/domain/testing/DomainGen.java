package org.timecoin.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** Seeded random domain values for property tests (structure only; signatures are random). */
public final class DomainGen {
  private final Random random;

  public DomainGen(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  public Hash32 hash() {
    return Hash32.wrap(bytes(32));
  }

  public PublicKey publicKey() {
    return PublicKey.of(bytes(32));
  }

  public Address address() {
    return Address.ofPayload(bytes(20));
  }

  /** Non-negative amount, biased towards edge values. */
  public long amount() {
    return switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE;
      case 2 -> random.nextInt(1000);
      default -> random.nextLong() & Long.MAX_VALUE;
    };
  }

  public OutPoint outPoint() {
    int index = random.nextBoolean() ? random.nextInt(4) : random.nextInt() & Integer.MAX_VALUE;
    return new OutPoint(hash(), index);
  }

  public TxIn txIn() {
    return new TxIn(outPoint(), publicKey(), bytes(64));
  }

  public TxOut txOut() {
    return new TxOut(amount(), address());
  }

  public Transaction transaction() {
    int nIn = random.nextInt(4);
    int nOut = random.nextInt(4);
    List<TxIn> ins = new ArrayList<>();
    for (int i = 0; i < nIn; i++) {
      ins.add(txIn());
    }
    List<TxOut> outs = new ArrayList<>();
    for (int i = 0; i < nOut; i++) {
      outs.add(txOut());
    }
    return new Transaction(random.nextInt(), ins, outs, random.nextLong(), random.nextLong());
  }

  public Utxo utxo() {
    return new Utxo(outPoint(), txOut(), random.nextLong() & Long.MAX_VALUE, random.nextBoolean());
  }
}
