package org.timecoin.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvEntry;
import org.timecoin.storage.kv.KvSnapshot;
import org.timecoin.storage.kv.KvStore;

/**
 * Writes and reads UTXO-set snapshots: the tip block with its certificate, then every UTXO, read
 * from one consistent view and streamed in O(1) memory. A snapshot is trusted only through its
 * state root: import recomputes the commitment of what it read and refuses the snapshot unless it
 * equals both the tip block's stateRoot and the root the caller trusts (from a certified header).
 *
 * <p>Format: magic "TIMEUTXO", u32 version, chain id, length-prefixed tip block, u8 has-certificate
 * and the length-prefixed certificate, then records: u8 1 followed by a canonical UTXO, and finally
 * u8 0 followed by the u64 record count.
 */
final class SnapshotTransfer {
  private static final byte[] MAGIC = "TIMEUTXO".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int MAX_BLOCK_BYTES = 64 << 20;
  private static final int BATCH = 10_000;

  private SnapshotTransfer() {}

  static ChainTip export(KvStore kv, Hash32 chainId, OutputStream sink) throws IOException {
    DataOutputStream out = new DataOutputStream(sink);
    try (KvSnapshot view = kv.snapshot()) {
      byte[] rawTip = view.get(ChainSchema.META, ChainSchema.TIP_KEY);
      if (rawTip == null) {
        throw new IllegalStateException("nothing to export: the store has no blocks");
      }
      ChainTip tip = ChainTip.CODEC.decode(rawTip);
      byte[] block = view.get(ChainSchema.BLOCKS, BlockStore.BLOCKS.key(tip.height()));
      byte[] cert = view.get(ChainSchema.CERTIFICATES, BlockStore.CERTIFICATES.key(tip.height()));
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.write(chainId.toBytes());
      out.writeInt(block.length);
      out.write(block);
      out.writeBoolean(cert != null);
      if (cert != null) {
        out.writeInt(cert.length);
        out.write(cert);
      }
      long count = 0;
      try (KvCursor cursor = view.scan(ChainSchema.UTXOS, KeyRange.all())) {
        while (cursor.hasNext()) {
          KvEntry e = cursor.next();
          Utxo u = ChainSchema.utxo(OutPoint.CODEC.decode(e.key()), e.value());
          out.writeByte(1);
          out.write(Utxo.CODEC.encode(u));
          count++;
        }
      }
      out.writeByte(0);
      out.writeLong(count);
      out.flush();
      return tip;
    }
  }

  /** What an import read and checked, before the store adopts it. */
  record Imported(Block block, CommitCertificate certificate, LtHash16 commitment) {}

  /**
   * Streams the snapshot's UTXOs into {@code kv} (which holds no UTXO) and checks them; on any
   * failure the UTXOs written so far are deleted again.
   */
  static Imported load(KvStore kv, Hash32 chainId, Hash32 trustedRoot, InputStream source)
      throws IOException {
    DataInputStream in = new DataInputStream(source);
    try {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC) || in.readInt() != VERSION) {
        throw bad("not a version " + VERSION + " UTXO snapshot");
      }
      Hash32 snapshotChain = Hash32.wrap(in.readNBytes(Hash32.SIZE));
      if (!snapshotChain.equals(chainId)) {
        throw bad("snapshot of chain " + snapshotChain + ", this node runs chain " + chainId);
      }
      Block block = Block.CODEC.decode(readSized(in));
      CommitCertificate cert =
          in.readBoolean() ? CommitCertificate.CODEC.decode(readSized(in)) : null;
      if (cert != null
          && (cert.height() != block.height() || !cert.blockHash().equals(block.hash()))) {
        throw bad("the snapshot's certificate is not for its block");
      }
      if (!block.header().stateRoot().equals(trustedRoot)) {
        throw bad(
            "snapshot block declares state root "
                + block.header().stateRoot()
                + ", expected "
                + trustedRoot);
      }
      LtHash16 sum = readUtxos(kv, in);
      if (!sum.digest().equals(trustedRoot)) {
        throw bad("the snapshot's UTXOs hash to " + sum.digest() + ", expected " + trustedRoot);
      }
      return new Imported(block, cert, sum);
    } catch (IOException | RuntimeException e) {
      deleteAllUtxos(kv);
      if (e instanceof EOFException) {
        throw bad("the snapshot is truncated");
      }
      if (e instanceof CodecException) {
        throw bad("the snapshot holds a malformed value: " + e.getMessage());
      }
      throw e;
    }
  }

  private static byte[] readSized(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_BLOCK_BYTES) {
      throw bad("a snapshot field claims " + n + " bytes");
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException();
    }
    return b;
  }

  private static LtHash16 readUtxos(KvStore kv, DataInputStream in) throws IOException {
    LtHash16 sum = LtHash16.empty();
    List<Utxo> pending = new ArrayList<>(BATCH);
    long count = 0;
    while (true) {
      int tag = in.readUnsignedByte();
      if (tag == 0) {
        break;
      }
      if (tag != 1) {
        throw bad("unexpected record tag " + tag);
      }
      byte[] raw = in.readNBytes(Utxo.ENCODED_SIZE);
      if (raw.length != Utxo.ENCODED_SIZE) {
        throw new EOFException();
      }
      Utxo u = Utxo.CODEC.decode(raw);
      sum.add(raw);
      pending.add(u);
      count++;
      if (pending.size() == BATCH) {
        write(kv, pending);
      }
    }
    write(kv, pending);
    if (in.readLong() != count) {
      throw bad("the snapshot's record count does not match its records");
    }
    return sum;
  }

  private static void write(KvStore kv, List<Utxo> utxos) {
    try (KvBatch batch = kv.newBatch()) {
      for (Utxo u : utxos) {
        batch.put(ChainSchema.UTXOS, ChainSchema.utxoKey(u.outPoint()), ChainSchema.utxoValue(u));
        batch.put(
            ChainSchema.UTXOS_BY_ADDRESS,
            ChainSchema.addressKey(u.address(), u.outPoint()),
            new byte[0]);
      }
      kv.write(batch);
    }
    utxos.clear();
  }

  /** Empties the UTXO columns (only ever used on a store that had no UTXO before the import). */
  static void deleteAllUtxos(KvStore kv) {
    for (var column : List.of(ChainSchema.UTXOS, ChainSchema.UTXOS_BY_ADDRESS)) {
      List<byte[]> keys = new ArrayList<>(BATCH);
      try (KvCursor cursor = kv.scan(column, KeyRange.all())) {
        while (cursor.hasNext()) {
          keys.add(cursor.next().key());
          if (keys.size() == BATCH || !cursor.hasNext()) {
            try (KvBatch batch = kv.newBatch()) {
              keys.forEach(k -> batch.delete(column, k));
              kv.write(batch);
            }
            keys.clear();
          }
        }
      }
    }
  }

  static boolean hasUtxos(KvStore kv) {
    try (KvCursor cursor = kv.scan(ChainSchema.UTXOS, KeyRange.all())) {
      return cursor.hasNext();
    }
  }

  private static IllegalArgumentException bad(String message) {
    return new IllegalArgumentException("UTXO snapshot refused: " + message);
  }
}
