package org.timecoin.storage.snapshot;

import java.util.List;
import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.storage.commit.LtHash16;

/**
 * What a snapshot at one certified block holds: the block, the state root its header declares, and
 * one entry per chunk, UTXO chunks first, then record chunks. Honest nodes with the same state cut
 * it identically, so peers serving the same height serve the same manifest ({@link #id()}).
 */
public record SnapshotManifest(
    long height, Hash32 blockHash, Hash32 stateRoot, List<ChunkInfo> chunks) {
  public static final Codec<SnapshotManifest> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, SnapshotManifest m) {
          out.u32(SnapshotFormat.VERSION)
              .u64(m.height)
              .hash(m.blockHash)
              .hash(m.stateRoot)
              .list(m.chunks, ChunkInfo.CODEC::write);
        }

        @Override
        public SnapshotManifest read(ByteReader in) {
          long version = in.u32();
          if (version != SnapshotFormat.VERSION) {
            throw new CodecException("snapshot manifest version " + version);
          }
          long height = in.u64();
          if (height < 0) {
            throw new CodecException("snapshot height out of range");
          }
          Hash32 block = in.hash();
          Hash32 root = in.hash();
          // ByteReader.list checks the count against the limit and the input before allocating.
          List<ChunkInfo> chunks = in.list(SnapshotFormat.MAX_CHUNKS, ChunkInfo.CODEC::read);
          for (int i = 1; i < chunks.size(); i++) {
            if (chunks.get(i).kind().ordinal() < chunks.get(i - 1).kind().ordinal()) {
              throw new CodecException("chunk " + i + " is a UTXO chunk after a record chunk");
            }
          }
          return new SnapshotManifest(height, block, root, chunks);
        }
      };

  public SnapshotManifest {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(stateRoot, "stateRoot");
    chunks = List.copyOf(chunks);
    if (height < 0 || chunks.size() > SnapshotFormat.MAX_CHUNKS) {
      throw new IllegalArgumentException("invalid snapshot manifest");
    }
  }

  /**
   * Decodes a manifest received from a peer or read from disk.
   *
   * @throws CodecException when it is longer than {@link SnapshotFormat#MAX_MANIFEST_BYTES}, not
   *     canonical, or breaks a bound
   */
  public static SnapshotManifest decode(byte[] bytes) {
    if (bytes.length > SnapshotFormat.MAX_MANIFEST_BYTES) {
      throw new CodecException("a manifest of " + bytes.length + " bytes");
    }
    return CODEC.decode(bytes);
  }

  public byte[] encode() {
    return CODEC.encode(this);
  }

  /** SHA-256 of the canonical encoding: equal ids mean equal snapshots. */
  public Hash32 id() {
    return Sha256.hash(encode());
  }

  /** Bytes of all chunks together. */
  public long totalBytes() {
    long sum = 0;
    for (ChunkInfo c : chunks) {
      sum += c.byteLength();
    }
    return sum;
  }

  /** Elements of all chunks of {@code kind} together. */
  public long elementCount(ChunkKind kind) {
    long sum = 0;
    for (ChunkInfo c : chunks) {
      if (c.kind() == kind) {
        sum += c.elementCount();
      }
    }
    return sum;
  }

  /**
   * Checks that this manifest is for the state {@code trustedRoot} (taken from a certified header):
   * its stateRoot field is that root and its chunks' lattices add up to it, so a chunk that matches
   * its entry is part of that state.
   *
   * @throws IllegalArgumentException when either does not hold
   */
  public void checkAgainst(Hash32 trustedRoot) {
    if (!stateRoot.equals(trustedRoot)) {
      throw new IllegalArgumentException(
          "snapshot manifest declares state root " + stateRoot + ", expected " + trustedRoot);
    }
    LtHash16 sum = LtHash16.empty();
    chunks.forEach(c -> sum.add(c.lattice()));
    if (!sum.digest().equals(trustedRoot)) {
      throw new IllegalArgumentException(
          "the chunks of snapshot manifest "
              + id()
              + " add up to "
              + sum.digest()
              + ", not to its state root "
              + trustedRoot);
    }
  }
}
