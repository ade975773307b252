package org.timecoin.domain.block;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Block header. Canonical encoding, in field order: i32 version ‖ chainId ‖ u64 height ‖ prevHash ‖
 * txRoot ‖ stateRoot ‖ u64 timestamp (ms since the epoch) ‖ proposer(32) ‖ u32 round ‖
 * nextValidatorsHash ‖ lastCommitHash. The block hash is SHA-256 of that encoding, computed once.
 *
 * <p>{@code nextValidatorsHash} is SHA-256 of the encoded validator set of the epoch after this
 * block's, so a node that knows one epoch's set learns the next one's from a certified header;
 * {@code lastCommitHash} is {@link LastCommit#hash()} of the block's lastCommit, so the block hash
 * (what validators sign) covers the certificate it carries.
 */
public final class BlockHeader {
  public static final int ENCODED_SIZE = 4 + 32 + 8 + 32 + 32 + 32 + 8 + 32 + 4 + 32 + 32;

  public static final Codec<BlockHeader> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, BlockHeader h) {
          out.i32(h.version)
              .hash(h.chainId)
              .u64(h.height)
              .hash(h.prevHash)
              .hash(h.txRoot)
              .hash(h.stateRoot)
              .u64(h.timestamp);
          PublicKey.CODEC.write(out, h.proposer);
          out.i32(h.round).hash(h.nextValidatorsHash).hash(h.lastCommitHash);
        }

        @Override
        public BlockHeader read(ByteReader in) {
          int version = in.i32();
          Hash32 chainId = in.hash();
          long height = in.u64();
          if (height < 0) {
            throw new CodecException("height " + Long.toUnsignedString(height) + " out of range");
          }
          Hash32 prev = in.hash();
          Hash32 txRoot = in.hash();
          Hash32 stateRoot = in.hash();
          long timestamp = in.u64();
          PublicKey proposer = PublicKey.CODEC.read(in);
          int round = in.i32();
          if (round < 0) {
            throw new CodecException("round " + (round & 0xFFFFFFFFL) + " out of range");
          }
          Hash32 nextValidators = in.hash();
          Hash32 lastCommit = in.hash();
          return new BlockHeader(
              version,
              chainId,
              height,
              prev,
              txRoot,
              stateRoot,
              timestamp,
              proposer,
              round,
              nextValidators,
              lastCommit);
        }

        @Override
        public int sizeHint(BlockHeader h) {
          return ENCODED_SIZE;
        }
      };

  private final int version;
  private final Hash32 chainId;
  private final long height;
  private final Hash32 prevHash;
  private final Hash32 txRoot;
  private final Hash32 stateRoot;
  private final long timestamp;
  private final PublicKey proposer;
  private final int round;
  private final Hash32 nextValidatorsHash;
  private final Hash32 lastCommitHash;
  private Hash32 hash; // racy single-check cache; Hash32 is safely publishable

  public BlockHeader(
      int version,
      Hash32 chainId,
      long height,
      Hash32 prevHash,
      Hash32 txRoot,
      Hash32 stateRoot,
      long timestamp,
      PublicKey proposer,
      int round,
      Hash32 nextValidatorsHash,
      Hash32 lastCommitHash) {
    if (height < 0 || round < 0) {
      throw new IllegalArgumentException("height and round must be >= 0");
    }
    this.version = version;
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.height = height;
    this.prevHash = Objects.requireNonNull(prevHash, "prevHash");
    this.txRoot = Objects.requireNonNull(txRoot, "txRoot");
    this.stateRoot = Objects.requireNonNull(stateRoot, "stateRoot");
    this.timestamp = timestamp;
    this.proposer = Objects.requireNonNull(proposer, "proposer");
    this.round = round;
    this.nextValidatorsHash = Objects.requireNonNull(nextValidatorsHash, "nextValidatorsHash");
    this.lastCommitHash = Objects.requireNonNull(lastCommitHash, "lastCommitHash");
  }

  public Hash32 hash() {
    Hash32 h = hash;
    if (h == null) {
      h = Sha256.hash(CODEC.encode(this));
      hash = h;
    }
    return h;
  }

  public int version() {
    return version;
  }

  public Hash32 chainId() {
    return chainId;
  }

  public long height() {
    return height;
  }

  public Hash32 prevHash() {
    return prevHash;
  }

  public Hash32 txRoot() {
    return txRoot;
  }

  public Hash32 stateRoot() {
    return stateRoot;
  }

  public long timestamp() {
    return timestamp;
  }

  public PublicKey proposer() {
    return proposer;
  }

  public int round() {
    return round;
  }

  /** SHA-256 of the encoded validator set of the next epoch. */
  public Hash32 nextValidatorsHash() {
    return nextValidatorsHash;
  }

  /** {@link LastCommit#hash()} of the lastCommit the block carries. */
  public Hash32 lastCommitHash() {
    return lastCommitHash;
  }

  /** Copy with another state root: a proposer fills it in after applying the block. */
  public BlockHeader withStateRoot(Hash32 root) {
    return new BlockHeader(
        version,
        chainId,
        height,
        prevHash,
        txRoot,
        root,
        timestamp,
        proposer,
        round,
        nextValidatorsHash,
        lastCommitHash);
  }

  /** Copy with another tx root. */
  public BlockHeader withTxRoot(Hash32 root) {
    return new BlockHeader(
        version,
        chainId,
        height,
        prevHash,
        root,
        stateRoot,
        timestamp,
        proposer,
        round,
        nextValidatorsHash,
        lastCommitHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHeader other && hash().equals(other.hash());
  }

  @Override
  public int hashCode() {
    return hash().hashCode();
  }

  @Override
  public String toString() {
    return "BlockHeader[height=" + height + ", round=" + round + ", hash=" + hash() + "]";
  }
}
