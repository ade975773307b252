package org.timecoin.domain.block;

import java.nio.charset.StandardCharsets;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteWriter;

/**
 * The 32-byte messages validators sign. A vote signs SHA-256("TIME/vote/v1" ‖ chainId ‖ u8 type ‖
 * u64 height ‖ u32 round ‖ blockHash), with 32 zero bytes as the block hash of a nil vote. A
 * proposal signs SHA-256("TIME/proposal/v1" ‖ chainId ‖ u64 height ‖ u32 round ‖ i32 validRound ‖
 * blockHash). The distinct tags keep a vote signature from ever passing as a proposal signature or
 * a transaction signature.
 */
public final class VoteSignBytes {
  private static final byte[] VOTE_TAG = "TIME/vote/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PROPOSAL_TAG = "TIME/proposal/v1".getBytes(StandardCharsets.US_ASCII);

  private VoteSignBytes() {}

  /** What a validator signs for a vote; {@code blockHash} null means a nil vote. */
  public static byte[] of(Hash32 chainId, VoteType type, long height, int round, Hash32 blockHash) {
    ByteWriter w = new ByteWriter(VOTE_TAG.length + 32 + 1 + 8 + 4 + 32);
    w.raw(VOTE_TAG).hash(chainId).u8(type.code()).u64(height).i32(round);
    w.hash(blockHash == null ? Hash32.ZERO : blockHash);
    return Sha256.digest(w.toByteArray());
  }

  /** What the proposer signs for a proposal; {@code validRound} is -1 when there is none. */
  public static byte[] proposal(
      Hash32 chainId, long height, int round, int validRound, Hash32 blockHash) {
    ByteWriter w = new ByteWriter(PROPOSAL_TAG.length + 32 + 8 + 4 + 4 + 32);
    w.raw(PROPOSAL_TAG).hash(chainId).u64(height).i32(round).i32(validRound).hash(blockHash);
    return Sha256.digest(w.toByteArray());
  }
}
