package org.timecoin.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/**
 * Deterministic benchmark data: a few thousand keys, an initial UTXO set that is a pure function of
 * its index (so 10M UTXOs need no memory to describe), and 1-input, 2-output transactions spending
 * them. Equal seeds give equal data.
 */
public final class Fixture {
  public static final Hash32 CHAIN_ID =
      Sha256.hash("timecoin-bench-chain".getBytes(StandardCharsets.US_ASCII));

  /**
   * Every initial UTXO holds 1,000 TIME plus a little: enough for thousands of generations of fees.
   */
  private static final long INITIAL_AMOUNT = 100_000_000_000L;

  private static final long DUST = 546;

  private final long seed;
  private final KeyPair[] keys;
  private final Address[] addresses;
  private final Map<Address, Integer> keyIndex = new HashMap<>();

  public Fixture(long seed, int keyCount) {
    this.seed = seed;
    this.keys = new KeyPair[keyCount];
    this.addresses = new Address[keyCount];
    for (int i = 0; i < keyCount; i++) {
      keys[i] = KeyPair.fromSeed(Sha256.digest(le64(seed), le64(i), "key".getBytes()));
      addresses[i] = Address.fromPublicKey(keys[i].publicKey());
      keyIndex.put(addresses[i], i);
    }
  }

  public int keyCount() {
    return keys.length;
  }

  /** Initial UTXO number {@code i}: output 0 of a made-up funding transaction, height 0. */
  public Utxo initialUtxo(long i) {
    Hash32 txid = Hash32.wrap(Sha256.digest(le64(seed), le64(i), "utxo".getBytes()));
    Address owner = addresses[(int) Long.remainderUnsigned(i, keys.length)];
    return new Utxo(
        new OutPoint(txid, 0), new TxOut(INITIAL_AMOUNT + (i & 0xFFFF), owner), 0, false);
  }

  /**
   * A transaction spending {@code utxo}: pays a small amount to the next key and the rest, less the
   * minimum fee, back to the owner, so chains of change outputs keep their value for thousands of
   * generations. Signed for {@link #CHAIN_ID} when {@code sign}; otherwise its signature is random
   * bytes (same size and entropy, for paths that do not verify, like storage).
   */
  public Transaction spend(Utxo utxo, long timestamp, boolean sign, SplittableRandom random) {
    int owner = keyIndex.get(utxo.address());
    long amount = utxo.amount();
    // Fee rule: at least 1,000 units and at least 0.1% of the outputs (which are below amount).
    long fee = Math.max(1_000, amount / 1_000 + 1);
    long pay = 1_000 + (amount & 0x3FF);
    long change = amount - fee - pay;
    if (change < DUST) {
      throw new IllegalStateException(
          "UTXO " + utxo.outPoint() + " holds too little to spend again: " + amount);
    }
    TxBuilder builder =
        new TxBuilder()
            .timestamp(timestamp)
            .input(utxo.outPoint(), keys[owner])
            .output(pay, addresses[(owner + 1) % keys.length])
            .output(change, addresses[owner]);
    if (sign) {
      return builder.sign(CHAIN_ID);
    }
    Transaction unsigned = builder.unsigned();
    byte[] noise = new byte[TxIn.SIGNATURE_SIZE];
    fill(random, noise);
    return unsigned.withInputs(List.of(unsigned.inputs().get(0).withSignature(noise)));
  }

  /** The UTXOs that {@code tx} creates, at {@code height}. */
  public static List<Utxo> outputsOf(Transaction tx, long height) {
    List<TxOut> outs = tx.outputs();
    Utxo[] created = new Utxo[outs.size()];
    for (int i = 0; i < created.length; i++) {
      created[i] = new Utxo(tx.outPoint(i), outs.get(i), height, false);
    }
    return List.of(created);
  }

  private static void fill(SplittableRandom random, byte[] bytes) {
    for (int i = 0; i < bytes.length; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8 && i + j < bytes.length; j++) {
        bytes[i + j] = (byte) (v >>> (8 * j));
      }
    }
  }

  private static byte[] le64(long v) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
  }
}
