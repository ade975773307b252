package org.timecoin.storage.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.storage.commit.LtHash16;

/**
 * Cuts a stream of encoded elements, given in store-key order, into chunks by the rules of {@link
 * SnapshotFormat}: a chunk closes at {@link SnapshotFormat#UTXOS_PER_CHUNK} elements, before it
 * would pass {@link SnapshotFormat#MAX_CHUNK_BYTES}, and when the kind changes. Each closed chunk
 * goes to the sink and its entry is kept for the manifest.
 */
public final class ChunkCutter {
  /** Chunks a manifest can list within both bounds (its header takes 4 + 8 + 32 + 32 + 4 bytes). */
  static final int CHUNKS_LIMIT =
      Math.min(
          SnapshotFormat.MAX_CHUNKS,
          (SnapshotFormat.MAX_MANIFEST_BYTES - 80) / ChunkInfo.ENCODED_SIZE);

  private final ChunkSink sink;
  private final List<ChunkInfo> infos = new ArrayList<>();
  private ChunkKind kind;
  private ByteWriter body = new ByteWriter(1 << 16);
  private int count;
  private LtHash16 lattice = LtHash16.empty();

  public ChunkCutter(ChunkSink sink) {
    this.sink = sink;
  }

  /** Adds the next element, the canonical encoding of a UTXO or a record. */
  public void add(ChunkKind elementKind, byte[] encoded) throws IOException {
    if (kind != null
        && (kind != elementKind
            || count == SnapshotFormat.UTXOS_PER_CHUNK
            || SnapshotFormat.CHUNK_HEADER_BYTES + body.size() + encoded.length
                > SnapshotFormat.MAX_CHUNK_BYTES)) {
      close();
    }
    if (kind == null && elementKind.ordinal() < lastKindOrdinal()) {
      throw new IllegalStateException("UTXOs must come before records");
    }
    kind = elementKind;
    body.raw(encoded);
    count++;
    lattice.add(SnapshotChunk.stateElement(elementKind, encoded));
  }

  /** Closes the last chunk; the entries of every chunk, in order. */
  public List<ChunkInfo> finish() throws IOException {
    if (kind != null) {
      close();
    }
    return List.copyOf(infos);
  }

  private int lastKindOrdinal() {
    return infos.isEmpty() ? 0 : infos.get(infos.size() - 1).kind().ordinal();
  }

  private void close() throws IOException {
    if (infos.size() == CHUNKS_LIMIT) {
      throw new IllegalStateException("the state needs more than " + infos.size() + " chunks");
    }
    byte[] elements = body.toByteArray();
    byte[] bytes =
        new ByteWriter(SnapshotFormat.CHUNK_HEADER_BYTES + elements.length)
            .u8(kind.code())
            .u32(count)
            .raw(elements)
            .toByteArray();
    infos.add(new ChunkInfo(kind, count, bytes.length, Sha256.hash(bytes), lattice));
    sink.chunk(infos.size() - 1, bytes);
    kind = null;
    body = new ByteWriter(1 << 16);
    count = 0;
    lattice = LtHash16.empty();
  }
}
