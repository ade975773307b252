package org.timecoin.storage.snapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.commit.StateElements;
import org.timecoin.storage.snapshot.BadChunkException.Reason;

/**
 * One chunk of a snapshot, decoded: UTXOs or masternode records (the other list is empty).
 *
 * <p>Encoding: u8 kind, u32 element count, then the elements' canonical encodings, strictly
 * ascending by their store key (a UTXO's outpoint, a record's operator key, both encoded first), so
 * the same state always gives the same bytes.
 */
public record SnapshotChunk(ChunkKind kind, List<Utxo> utxos, List<MasternodeRecord> records) {
  public SnapshotChunk {
    Objects.requireNonNull(kind, "kind");
    utxos = List.copyOf(utxos);
    records = List.copyOf(records);
  }

  public int size() {
    return kind == ChunkKind.UTXOS ? utxos.size() : records.size();
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
    int keyLength = keyLength(kind);
    List<Utxo> utxos = new ArrayList<>(kind == ChunkKind.UTXOS ? count : 0);
    List<MasternodeRecord> records = new ArrayList<>(kind == ChunkKind.RECORDS ? count : 0);
    LtHash16 sum = LtHash16.empty();
    int previous = -1;
    for (int i = 0; i < count; i++) {
      int start = in.position();
      try {
        if (kind == ChunkKind.UTXOS) {
          utxos.add(Utxo.CODEC.read(in));
        } else {
          records.add(MasternodeRecord.CODEC.read(in));
        }
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
      sum.add(stateElement(kind, Arrays.copyOfRange(bytes, start, in.position())));
    }
    if (in.remaining() != 0) {
      throw new BadChunkException(
          index, Reason.TRAILING, in.remaining() + " bytes after the last element");
    }
    if (!sum.equals(expected.lattice())) {
      throw new BadChunkException(
          index, Reason.LATTICE, "its elements do not hash to the manifest's lattice");
    }
    return new SnapshotChunk(kind, utxos, records);
  }
}
