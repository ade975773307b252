package org.timecoin.storage.snapshot;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.storage.commit.LtHash16;

/**
 * A manifest's entry for one chunk: what it holds, how many elements, its length and SHA-256 (so a
 * chunk is checked before it is decoded), and the LtHash16 sum of its elements (so the chunks of a
 * snapshot are checked against the state root one by one).
 */
public record ChunkInfo(
    ChunkKind kind, int elementCount, int byteLength, Hash32 sha256, LtHash16 lattice) {
  /** Encoded size of one entry. */
  public static final int ENCODED_SIZE = 1 + 4 + 4 + Hash32.SIZE + LtHash16.BYTES;

  public static final Codec<ChunkInfo> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, ChunkInfo c) {
          out.u8(c.kind.code())
              .u32(c.elementCount)
              .u32(c.byteLength)
              .hash(c.sha256)
              .raw(c.lattice.toBytes());
        }

        @Override
        public ChunkInfo read(ByteReader in) {
          ChunkKind kind = ChunkKind.ofCode(in.u8());
          long count = in.u32();
          long length = in.u32();
          if (count < 1 || count > SnapshotFormat.UTXOS_PER_CHUNK) {
            throw new CodecException("a chunk of " + count + " elements");
          }
          if (length > SnapshotFormat.MAX_CHUNK_BYTES) {
            throw new CodecException("a chunk of " + length + " bytes");
          }
          return new ChunkInfo(
              kind,
              (int) count,
              (int) length,
              in.hash(),
              LtHash16.fromBytes(in.raw(LtHash16.BYTES)));
        }
      };

  public ChunkInfo {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sha256, "sha256");
    lattice = lattice.copy(); // LtHash16 is mutable: keep our own
  }

  /** A copy of the sum of this chunk's elements. */
  @Override
  public LtHash16 lattice() {
    return lattice.copy();
  }
}
