package org.timecoin.node.net;

import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

/** Wire encodings of consensus messages: fixed-width fields in declared order. */
public final class ConsensusCodecs {
  private ConsensusCodecs() {}

  /** A proposal with the block it proposes. */
  public record ProposalMessage(Proposal proposal, Block block) {}

  /** u64 height ‖ i32 round ‖ hash value ‖ i32 validRound ‖ key ‖ sig(64) ‖ block. */
  public static final Codec<ProposalMessage> PROPOSAL =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, ProposalMessage m) {
          writeProposal(out, m.proposal());
          Block.CODEC.write(out, m.block());
        }

        @Override
        public int sizeHint(ProposalMessage m) {
          return PROPOSAL_SIZE + m.block().encodedSize(); // a full block is megabytes
        }

        @Override
        public ProposalMessage read(ByteReader in) {
          Proposal p = readProposal(in);
          return new ProposalMessage(p, Block.CODEC.read(in));
        }
      };

  /** Bytes of {@link #writeProposal}'s encoding. */
  static final int PROPOSAL_SIZE = 8 + 4 + 32 + 4 + 32 + Vote.SIGNATURE_SIZE;

  /**
   * The signed proposal alone: u64 height ‖ i32 round ‖ hash value ‖ i32 validRound ‖ key ‖ sig.
   */
  static void writeProposal(ByteWriter out, Proposal p) {
    out.u64(p.height()).i32(p.round()).hash(p.value()).i32(p.validRound());
    PublicKey.CODEC.write(out, p.proposer());
    out.raw(p.signature());
  }

  static Proposal readProposal(ByteReader in) {
    long height = in.u64();
    int round = in.i32();
    Hash32 value = in.hash();
    int validRound = in.i32();
    PublicKey proposer = PublicKey.CODEC.read(in);
    byte[] sig = in.raw(Vote.SIGNATURE_SIZE);
    try {
      return new Proposal(height, round, value, validRound, proposer, sig);
    } catch (IllegalArgumentException e) {
      throw new CodecException(e.getMessage());
    }
  }

  /** u8 type ‖ u64 height ‖ i32 round ‖ bool hasValue [‖ hash] ‖ key ‖ sig(64). */
  public static final Codec<Vote> VOTE =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Vote v) {
          out.u8(v.type().code()).u64(v.height()).i32(v.round()).bool(v.value() != null);
          if (v.value() != null) {
            out.hash(v.value());
          }
          PublicKey.CODEC.write(out, v.validator());
          out.raw(v.signature());
        }

        @Override
        public Vote read(ByteReader in) {
          VoteType type;
          try {
            type = VoteType.ofCode(in.u8());
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
          long height = in.u64();
          int round = in.i32();
          Hash32 value = in.bool() ? in.hash() : null;
          PublicKey validator = PublicKey.CODEC.read(in);
          byte[] sig = in.raw(Vote.SIGNATURE_SIZE);
          return new Vote(type, height, round, value, validator, sig);
        }
      };
}
