package org.timecoin.node.net;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;

/**
 * Fast sync's messages: the snapshots a node keeps, a snapshot's manifest and chunks, and epoch
 * proofs (a certified header per epoch with the set it names as the next one), from which a new
 * node learns every epoch's validator set from genesis alone, without replaying blocks.
 */
public final class SnapshotMessages {
  private SnapshotMessages() {}

  /** Most snapshots a node lists. */
  public static final int MAX_OFFERS = 8;

  /**
   * Most epoch proofs asked for, or sent, in one message: about 1 KiB each with a small set, so a
   * chain of a million blocks in epochs of 20 needs some 200 requests.
   */
  public static final int MAX_PROOFS = 256;

  /** Largest manifest or chunk carried (a chunk is at most 4 MiB; see the storage's limits). */
  public static final int MAX_PAYLOAD = 8 << 20;

  /** Asks which snapshots the peer keeps. */
  public record GetSnapshots() {}

  /** A snapshot a node keeps: its height, block, state root, manifest id and chunk count. */
  public record Offer(
      long height, Hash32 blockHash, Hash32 stateRoot, Hash32 manifestId, int chunks) {}

  /** The snapshots a node keeps, newest first. */
  public record Snapshots(List<Offer> offers) {}

  /** Asks for the manifest of the snapshot at {@code height}. */
  public record GetManifest(long height) {}

  /** A manifest, encoded ({@code bytes} empty when the snapshot is not kept). */
  public record Manifest(long height, byte[] bytes) {}

  /** Asks for chunk {@code index} of the snapshot at {@code height}. */
  public record GetChunk(long height, int index) {}

  /** A chunk, encoded ({@code bytes} empty when it is not kept). */
  public record Chunk(long height, int index, byte[] bytes) {}

  /** Asks for the certified headers at these heights. */
  public record GetEpochProofs(List<Long> heights) {}

  /**
   * A header, its commit certificate, and the validator set its {@code nextValidatorsHash} names.
   */
  public record EpochProof(
      BlockHeader header, CommitCertificate certificate, ValidatorSet nextSet) {
    public static final Codec<EpochProof> CODEC =
        new Codec<>() {
          @Override
          public void write(ByteWriter out, EpochProof p) {
            BlockHeader.CODEC.write(out, p.header());
            CommitCertificate.CODEC.write(out, p.certificate());
            ValidatorSet.CODEC.write(out, p.nextSet());
          }

          @Override
          public EpochProof read(ByteReader in) {
            return new EpochProof(
                BlockHeader.CODEC.read(in),
                CommitCertificate.CODEC.read(in),
                ValidatorSet.CODEC.read(in));
          }
        };
  }

  /** Proofs in the order asked, fewer when they did not fit a frame or are not kept. */
  public record EpochProofs(List<EpochProof> proofs) {}

  public static final Codec<GetSnapshots> GET_SNAPSHOTS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetSnapshots g) {}

        @Override
        public GetSnapshots read(ByteReader in) {
          return new GetSnapshots();
        }
      };

  public static final Codec<Snapshots> SNAPSHOTS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Snapshots s) {
          out.list(
              s.offers(),
              (w, o) ->
                  w.u64(o.height())
                      .hash(o.blockHash())
                      .hash(o.stateRoot())
                      .hash(o.manifestId())
                      .u32(o.chunks()));
        }

        @Override
        public Snapshots read(ByteReader in) {
          return new Snapshots(
              in.list(
                  MAX_OFFERS,
                  r ->
                      new Offer(
                          height(r.u64()), r.hash(), r.hash(), r.hash(), count(r.u32(), "chunk"))));
        }
      };

  public static final Codec<GetManifest> GET_MANIFEST =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetManifest g) {
          out.u64(g.height());
        }

        @Override
        public GetManifest read(ByteReader in) {
          return new GetManifest(height(in.u64()));
        }
      };

  public static final Codec<Manifest> MANIFEST =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Manifest m) {
          out.u64(m.height()).bytes(m.bytes());
        }

        @Override
        public int sizeHint(Manifest m) {
          return 8 + 4 + m.bytes().length;
        }

        @Override
        public Manifest read(ByteReader in) {
          return new Manifest(height(in.u64()), in.bytes(MAX_PAYLOAD));
        }
      };

  public static final Codec<GetChunk> GET_CHUNK =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetChunk g) {
          out.u64(g.height()).u32(g.index());
        }

        @Override
        public GetChunk read(ByteReader in) {
          return new GetChunk(height(in.u64()), count(in.u32(), "chunk index"));
        }
      };

  public static final Codec<Chunk> CHUNK =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Chunk c) {
          out.u64(c.height()).u32(c.index()).bytes(c.bytes());
        }

        @Override
        public int sizeHint(Chunk c) {
          return 8 + 4 + 4 + c.bytes().length; // megabytes: sized once, not doubled
        }

        @Override
        public Chunk read(ByteReader in) {
          return new Chunk(height(in.u64()), count(in.u32(), "chunk index"), in.bytes(MAX_PAYLOAD));
        }
      };

  public static final Codec<GetEpochProofs> GET_EPOCH_PROOFS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetEpochProofs g) {
          out.list(g.heights(), ByteWriter::u64);
        }

        @Override
        public GetEpochProofs read(ByteReader in) {
          return new GetEpochProofs(in.list(MAX_PROOFS, r -> height(r.u64())));
        }
      };

  public static final Codec<EpochProofs> EPOCH_PROOFS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, EpochProofs p) {
          out.list(p.proofs(), EpochProof.CODEC::write);
        }

        @Override
        public EpochProofs read(ByteReader in) {
          return new EpochProofs(in.list(MAX_PROOFS, EpochProof.CODEC::read));
        }
      };

  private static long height(long v) {
    if (v < 0) {
      throw new CodecException("height out of range");
    }
    return v;
  }

  private static int count(long v, String what) {
    if (v > Integer.MAX_VALUE) {
      throw new CodecException(what + " " + v + " out of range");
    }
    return (int) v;
  }
}
