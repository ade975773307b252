package org.timecoin.domain.tx;

import java.util.List;
import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.masternode.TxPayload;

/**
 * A transfer of UTXOs, possibly carrying a masternode payload. Immutable. Canonical encoding: i32
 * version ‖ u32 count ‖ inputs ‖ u32 count ‖ outputs ‖ u64 lockTime ‖ u64 timestamp, followed for
 * versions 2 (registration) and 3 (deregistration) by the {@link TxPayload}; the version alone
 * decides whether a payload follows. Version 1 is a plain transfer; other versions decode without a
 * payload and are refused by the transaction rules. A transaction without inputs is a coinbase; its
 * lockTime carries the block height so that coinbases of different blocks have different txids.
 *
 * <p>{@link #txid()} hashes the full encoding (signatures included); {@link #unsignedTxid()} hashes
 * the encoding with every signature left out (the inputs' and the payload's), and is what every
 * signature commits to (see {@link SigHash}). Both are computed once and cached.
 */
public final class Transaction {
  /** Largest valid encoded transaction (1 MB). */
  public static final int MAX_SIZE = 1_000_000;

  private static final int FIXED_SIZE = 4 + 4 + 4 + 8 + 8;
  private static final int MAX_INPUTS = MAX_SIZE / TxIn.ENCODED_SIZE;
  private static final int MAX_OUTPUTS = MAX_SIZE / TxOut.ENCODED_SIZE;

  public static final Codec<Transaction> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Transaction tx) {
          tx.write(out, true);
        }

        @Override
        public Transaction read(ByteReader in) {
          int version = in.i32();
          List<TxIn> inputs = in.list(MAX_INPUTS, TxIn.CODEC::read);
          List<TxOut> outputs = in.list(MAX_OUTPUTS, TxOut.CODEC::read);
          long lockTime = in.u64();
          long timestamp = in.u64();
          TxPayload payload = TxPayload.read(version, in);
          return new Transaction(version, inputs, outputs, lockTime, timestamp, payload);
        }

        @Override
        public int sizeHint(Transaction tx) {
          return tx.encodedSize();
        }
      };

  private final int version;
  private final List<TxIn> inputs;
  private final List<TxOut> outputs;
  private final long lockTime;
  private final long timestamp;
  private final TxPayload payload;

  // Racy single-check caches: Hash32 is immutable with final fields, so publication is safe.
  private Hash32 txid;
  private Hash32 unsignedTxid;

  /** A transaction without payload (version 1, or a version the rules will refuse). */
  public Transaction(
      int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime, long timestamp) {
    this(version, inputs, outputs, lockTime, timestamp, null);
  }

  /**
   * A transaction with {@code payload}, which must be present exactly for the versions that carry
   * one and must be the kind its version names.
   */
  public Transaction(
      int version,
      List<TxIn> inputs,
      List<TxOut> outputs,
      long lockTime,
      long timestamp,
      TxPayload payload) {
    if (TxPayload.versionHasPayload(version)
        ? payload == null || payload.txVersion() != version
        : payload != null) {
      throw new IllegalArgumentException(
          "version " + version + " cannot carry payload " + describe(payload));
    }
    this.version = version;
    this.inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    this.outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
    this.lockTime = lockTime;
    this.timestamp = timestamp;
    this.payload = payload;
  }

  private static String describe(TxPayload payload) {
    return payload == null ? "(none)" : payload.getClass().getSimpleName();
  }

  public int version() {
    return version;
  }

  public List<TxIn> inputs() {
    return inputs;
  }

  public List<TxOut> outputs() {
    return outputs;
  }

  public long lockTime() {
    return lockTime;
  }

  public long timestamp() {
    return timestamp;
  }

  /** The masternode payload of a version 2 or 3 transaction; null for any other version. */
  public TxPayload payload() {
    return payload;
  }

  public boolean isCoinbase() {
    return inputs.isEmpty();
  }

  /** SHA-256 of the canonical encoding, signatures included. */
  public Hash32 txid() {
    Hash32 id = txid;
    if (id == null) {
      id = Sha256.hash(CODEC.encode(this));
      txid = id;
    }
    return id;
  }

  /**
   * SHA-256 of the canonical encoding with every input's signature and the payload's signature left
   * out.
   */
  public Hash32 unsignedTxid() {
    Hash32 id = unsignedTxid;
    if (id == null) {
      int signatures = inputs.size() + (payload == null ? 0 : 1);
      ByteWriter out = new ByteWriter(encodedSize() - signatures * TxIn.SIGNATURE_SIZE);
      write(out, false);
      id = Sha256.hash(out.toByteArray());
      unsignedTxid = id;
    }
    return id;
  }

  /** Size of the canonical encoding in bytes, computed without encoding. */
  public int encodedSize() {
    return FIXED_SIZE
        + inputs.size() * TxIn.ENCODED_SIZE
        + outputs.size() * TxOut.ENCODED_SIZE
        + (payload == null ? 0 : payload.encodedSize());
  }

  /** Sum of output amounts; ArithmeticException if it does not fit in a long. */
  public long totalOutput() {
    long sum = 0;
    for (TxOut out : outputs) {
      sum = Amounts.add(sum, out.amount());
    }
    return sum;
  }

  /** The same transaction with {@code inputs} replaced (used to attach signatures). */
  public Transaction withInputs(List<TxIn> newInputs) {
    return new Transaction(version, newInputs, outputs, lockTime, timestamp, payload);
  }

  /** The same transaction with {@code newPayload} (used to attach the payload's signature). */
  public Transaction withPayload(TxPayload newPayload) {
    return new Transaction(version, inputs, outputs, lockTime, timestamp, newPayload);
  }

  /** The outpoint of output {@code index} of this transaction. */
  public OutPoint outPoint(int index) {
    return new OutPoint(txid(), index);
  }

  private void write(ByteWriter out, boolean withSignatures) {
    out.i32(version);
    out.u32(inputs.size());
    for (TxIn in : inputs) {
      in.writeUnsigned(out);
      if (withSignatures) {
        out.raw(in.signatureRef());
      }
    }
    out.list(outputs, TxOut.CODEC::write);
    out.u64(lockTime);
    out.u64(timestamp);
    if (payload != null) {
      if (withSignatures) {
        payload.write(out);
      } else {
        payload.writeUnsigned(out);
      }
    }
  }

  /** Equal transactions have equal txids (SHA-256 of all fields). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction other && txid().equals(other.txid());
  }

  @Override
  public int hashCode() {
    return txid().hashCode();
  }

  @Override
  public String toString() {
    return "Transaction[" + txid() + ", in=" + inputs.size() + ", out=" + outputs.size() + "]";
  }
}
