package org.timecoin.storage.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.commit.StateElements;
import org.timecoin.storage.snapshot.BadChunkException.Reason;

/**
 * One verified chunk of a snapshot: UTXOs or masternode records.
 *
 * <p>Encoding: u8 kind, u32 element count, then the elements' canonical encodings, strictly
 * ascending by their store key (a UTXO's outpoint, a record's operator key, both encoded first), so
 * the same state always gives the same bytes.
 *
 * <p>A UTXO's encoding has a fixed size, so a UTXO chunk is checked in place, field by field, and
 * its elements stay where they are in the chunk's bytes ({@link #utxoOffset}): a bulk load slices
 * them instead of building and re-encoding ten million objects. Records are few and decoded.
 */
public final class SnapshotChunk {
  /** Bytes before the first element: the kind and the count. */
  static final int HEADER = 1 + 4;

  // Where a UTXO encoding's range-checked fields end (their top byte, little-endian).
  private static final int INDEX_TOP = OutPoint.ENCODED_SIZE - 1;
  private static final int AMOUNT_TOP = OutPoint.ENCODED_SIZE + 8 - 1;
  private static final int HEIGHT_TOP = OutPoint.ENCODED_SIZE + TxOut.ENCODED_SIZE + 8 - 1;
  private static final int COINBASE = Utxo.ENCODED_SIZE - 1;

  private final ChunkKind kind;
  private final byte[] bytes;
  private final int count;
  private final List<MasternodeRecord> records;

  private SnapshotChunk(ChunkKind kind, byte[] bytes, int count, List<MasternodeRecord> records) {
    this.kind = kind;
    this.bytes = bytes;
    this.count = count;
    this.records = records;
  }

  public ChunkKind kind() {
    return kind;
  }

  /**
   * The verified chunk as received; a UTXO chunk's element {@code i} is at {@link #utxoOffset}.
   * Shared, not copied: read it, never change it.
   */
  public byte[] bytes() {
    return bytes;
  }

  /** The UTXOs in this chunk: its size for a chunk of UTXOs, none for a chunk of records. */
  public int utxoCount() {
    return kind == ChunkKind.UTXOS ? count : 0;
  }

  /** Where UTXO {@code i}'s canonical encoding ({@link Utxo#ENCODED_SIZE} bytes) starts. */
  public int utxoOffset(int i) {
    if (kind != ChunkKind.UTXOS || i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("no UTXO " + i + " in a " + kind + " chunk of " + count);
    }
    return HEADER + i * Utxo.ENCODED_SIZE;
  }

  /** The UTXOs, decoded (empty for a chunk of records). */
  public List<Utxo> utxos() {
    if (kind != ChunkKind.UTXOS) {
      return List.of();
    }
    List<Utxo> out = new ArrayList<>(count);
    ByteReader in = new ByteReader(bytes);
    in.raw(HEADER);
    for (int i = 0; i < count; i++) {
      out.add(Utxo.CODEC.read(in));
    }
    return out;
  }

  public List<MasternodeRecord> records() {
    return records;
  }

  public int size() {
    return count;
  }

  /** Bytes of the store key that leads each element's encoding. */
  static int keyLength(ChunkKind kind) {
    return kind == ChunkKind.UTXOS ? OutPoint.ENCODED_SIZE : PublicKey.SIZE;
  }

  /** The state-commitment element of an element's encoding. */
  static byte[] stateElement(ChunkKind kind, byte[] encoded) {
    return kind == ChunkKind.UTXOS ? encoded : StateElements.record(encoded);
  }

  /**
   * Checks {@code bytes} against {@code expected}, cheapest check first (length, SHA-256, then the
   * decoding, then the lattice), and decodes it.
   *
   * @param index the chunk's position in its manifest, for the report
   * @throws BadChunkException naming the first check that failed
   */
  public static SnapshotChunk verify(int index, ChunkInfo expected, byte[] bytes)
      throws BadChunkException {
    if (bytes.length != expected.byteLength()) {
      throw new BadChunkException(
          index,
          Reason.LENGTH,
          bytes.length + " bytes, the manifest says " + expected.byteLength());
    }
    if (!Sha256.hash(bytes).equals(expected.sha256())) {
      throw new BadChunkException(index, Reason.SHA256, "its SHA-256 is not the manifest's");
    }
    ByteReader in = new ByteReader(bytes);
    ChunkKind kind;
    long count;
    try {
      kind = ChunkKind.ofCode(in.u8());
      count = in.u32();
    } catch (CodecException e) {
      throw new BadChunkException(index, Reason.MALFORMED, e.getMessage());
    }
    if (kind != expected.kind()) {
      throw new BadChunkException(
          index, Reason.KIND, "holds " + kind + ", the manifest says " + expected.kind());
    }
    if (count != expected.elementCount()) {
      throw new BadChunkException(
          index,
          Reason.COUNT,
          "declares " + count + " elements, the manifest says " + expected.elementCount());
    }
    return readElements(index, expected, kind, bytes, in);
  }

  private static SnapshotChunk readElements(
      int index, ChunkInfo expected, ChunkKind kind, byte[] bytes, ByteReader in)
      throws BadChunkException {
    int count = expected.elementCount();
    LtHash16 sum = LtHash16.empty();
    List<MasternodeRecord> records =
        kind == ChunkKind.RECORDS ? readRecords(index, count, bytes, in, sum) : List.of();
    if (kind == ChunkKind.UTXOS) {
      checkUtxos(index, count, bytes, sum);
    }
    if (!sum.equals(expected.lattice())) {
      throw new BadChunkException(
          index, Reason.LATTICE, "its elements do not hash to the manifest's lattice");
    }
    return new SnapshotChunk(kind, bytes, count, records);
  }

  /** Checks the fixed-size UTXO encodings in place, as their codec would, and adds them up. */
  private static void checkUtxos(int index, int count, byte[] bytes, LtHash16 sum)
      throws BadChunkException {
    long needed = HEADER + (long) count * Utxo.ENCODED_SIZE;
    if (bytes.length < needed) {
      int whole = (bytes.length - HEADER) / Utxo.ENCODED_SIZE;
      throw new BadChunkException(index, Reason.MALFORMED, "element " + whole + " is truncated");
    }
    for (int i = 0; i < count; i++) {
      int at = HEADER + i * Utxo.ENCODED_SIZE;
      String bad = badUtxoField(bytes, at);
      if (bad != null) {
        throw new BadChunkException(index, Reason.MALFORMED, "element " + i + ": " + bad);
      }
      if (i > 0
          && Arrays.compareUnsigned(
                  bytes,
                  at - Utxo.ENCODED_SIZE,
                  at - Utxo.ENCODED_SIZE + OutPoint.ENCODED_SIZE,
                  bytes,
                  at,
                  at + OutPoint.ENCODED_SIZE)
              >= 0) {
        throw new BadChunkException(
            index, Reason.ORDER, "element " + i + " does not follow element " + (i - 1));
      }
      sum.add(bytes, at, Utxo.ENCODED_SIZE);
    }
    if (bytes.length != needed) {
      throw new BadChunkException(
          index, Reason.TRAILING, (bytes.length - needed) + " bytes after the last element");
    }
  }

  /**
   * What {@link Utxo#CODEC} would refuse in the encoding at {@code at} (its integers out of range,
   * its flag not a bool), or null when it decodes.
   */
  static String badUtxoField(byte[] bytes, int at) {
    if (bytes[at + INDEX_TOP] < 0) {
      return "output index out of range";
    }
    if (bytes[at + AMOUNT_TOP] < 0) {
      return "amount out of range";
    }
    if (bytes[at + HEIGHT_TOP] < 0) {
      return "height out of range";
    }
    if ((bytes[at + COINBASE] & 0xFF) > 1) {
      return "coinbase flag must be 0 or 1, got " + (bytes[at + COINBASE] & 0xFF);
    }
    return null;
  }

  private static List<MasternodeRecord> readRecords(
      int index, int count, byte[] bytes, ByteReader in, LtHash16 sum) throws BadChunkException {
    int keyLength = keyLength(ChunkKind.RECORDS);
    List<MasternodeRecord> records = new ArrayList<>(count);
    int previous = -1;
    for (int i = 0; i < count; i++) {
      int start = in.position();
      try {
        records.add(MasternodeRecord.CODEC.read(in));
      } catch (CodecException | IllegalArgumentException e) {
        throw new BadChunkException(
            index, Reason.MALFORMED, "element " + i + ": " + e.getMessage());
      }
      if (previous >= 0
          && Arrays.compareUnsigned(
                  bytes, previous, previous + keyLength, bytes, start, start + keyLength)
              >= 0) {
        throw new BadChunkException(
            index, Reason.ORDER, "element " + i + " does not follow element " + (i - 1));
      }
      previous = start;
      sum.add(StateElements.record(Arrays.copyOfRange(bytes, start, in.position())));
    }
    if (in.remaining() != 0) {
      throw new BadChunkException(
          index, Reason.TRAILING, in.remaining() + " bytes after the last element");
    }
    return List.copyOf(records);
  }
}
