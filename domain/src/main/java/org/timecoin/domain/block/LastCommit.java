package org.timecoin.domain.block;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/**
 * The commit certificate of a block's parent, carried in the block: the round the parent was
 * decided in and the PRECOMMIT signatures for it. Height and block hash are left out: they are the
 * parent's, which the block names already. Block 1 carries {@link #empty()} (the genesis block is
 * not voted on). Signers recorded here are the chain's record of who took part, read by liveness.
 * Encoded as u32 round ‖ u32 n ‖ signatures.
 */
public record LastCommit(int round, List<CommitSignature> signatures) {
  private static final LastCommit EMPTY = new LastCommit(0, List.of());

  /** u32 round and u32 count. */
  private static final int FIXED_SIZE = 8;

  private static final int SIGNATURE_SIZE = 32 + 64;

  public static final Codec<LastCommit> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, LastCommit c) {
          out.i32(c.round);
          out.list(c.signatures, CommitSignature.CODEC::write);
        }

        @Override
        public LastCommit read(ByteReader in) {
          int round = in.i32();
          if (round < 0) {
            throw new CodecException("lastCommit round " + (round & 0xFFFFFFFFL) + " out of range");
          }
          return new LastCommit(
              round, in.list(ValidatorSet.MAX_VALIDATORS, CommitSignature.CODEC::read));
        }

        @Override
        public int sizeHint(LastCommit c) {
          return c.encodedSize();
        }
      };

  public LastCommit {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, got " + round);
    }
    signatures = List.copyOf(signatures);
  }

  /** What block 1 carries: round 0, no signatures. */
  public static LastCommit empty() {
    return EMPTY;
  }

  /** The signatures and round of {@code certificate}, for the block that follows its block. */
  public static LastCommit of(CommitCertificate certificate) {
    return new LastCommit(certificate.round(), certificate.signatures());
  }

  public boolean isEmpty() {
    return round == 0 && signatures.isEmpty();
  }

  /** The certificate this is for the parent at {@code height} with hash {@code blockHash}. */
  public CommitCertificate toCertificate(long height, Hash32 blockHash) {
    return new CommitCertificate(height, round, blockHash, signatures);
  }

  /** SHA-256 of the encoding: the header's lastCommitHash. */
  public Hash32 hash() {
    return Sha256.hash(CODEC.encode(this));
  }

  public int encodedSize() {
    return FIXED_SIZE + signatures.size() * SIGNATURE_SIZE;
  }
}
