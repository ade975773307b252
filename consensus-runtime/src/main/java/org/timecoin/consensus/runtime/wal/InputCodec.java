package org.timecoin.consensus.runtime.wal;

import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.TimeoutKind;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Canonical encoding of a consensus {@link Input} for the WAL: a u8 tag, then the fields in
 * declared order (heights u64, rounds i32 so that validRound -1 fits, hashes 32 bytes, a nil vote
 * value as a false presence flag, signatures length-prefixed).
 */
public final class InputCodec implements Codec<Input> {
  public static final InputCodec INSTANCE = new InputCodec();

  private static final int START_HEIGHT = 1;
  private static final int PROPOSAL = 2;
  private static final int VOTE = 3;
  private static final int TIMEOUT = 4;
  private static final int BLOCK_VALIDATED = 5;
  private static final int VALUE_TO_PROPOSE = 6;
  private static final int MAX_SIGNATURE = 64;

  private InputCodec() {}

  @Override
  public void write(ByteWriter out, Input input) {
    switch (input) {
      case Input.StartHeight s -> {
        out.u8(START_HEIGHT).u64(s.height());
        ValidatorSet.CODEC.write(out, s.validators());
      }
      case Input.ProposalReceived p -> writeProposal(out.u8(PROPOSAL), p.proposal());
      case Input.VoteReceived v -> writeVote(out.u8(VOTE), v.vote());
      case Input.TimeoutElapsed t ->
          out.u8(TIMEOUT).u8(t.kind().ordinal()).u64(t.height()).i32(t.round());
      case Input.BlockValidated b ->
          out.u8(BLOCK_VALIDATED).u64(b.height()).hash(b.value()).bool(b.valid());
      case Input.ValueToPropose v ->
          out.u8(VALUE_TO_PROPOSE).u64(v.height()).i32(v.round()).hash(v.value());
    }
  }

  @Override
  public Input read(ByteReader in) {
    int tag = in.u8();
    return switch (tag) {
      case START_HEIGHT -> new Input.StartHeight(in.u64(), ValidatorSet.CODEC.read(in));
      case PROPOSAL -> new Input.ProposalReceived(readProposal(in));
      case VOTE -> new Input.VoteReceived(readVote(in));
      case TIMEOUT ->
          new Input.TimeoutElapsed(enumAt(TimeoutKind.values(), in.u8()), in.u64(), in.i32());
      case BLOCK_VALIDATED -> new Input.BlockValidated(in.u64(), in.hash(), in.bool());
      case VALUE_TO_PROPOSE -> new Input.ValueToPropose(in.u64(), in.i32(), in.hash());
      default -> throw new CodecException("unknown consensus input tag " + tag);
    };
  }

  static void writeProposal(ByteWriter out, Proposal p) {
    out.u64(p.height()).i32(p.round()).hash(p.value()).i32(p.validRound());
    PublicKey.CODEC.write(out, p.proposer());
    out.bytes(p.signature());
  }

  static Proposal readProposal(ByteReader in) {
    return new Proposal(
        in.u64(), in.i32(), in.hash(), in.i32(), PublicKey.CODEC.read(in), in.bytes(MAX_SIGNATURE));
  }

  static void writeVote(ByteWriter out, Vote v) {
    out.u8(v.type().code()).u64(v.height()).i32(v.round()).bool(v.value() != null);
    if (v.value() != null) {
      out.hash(v.value());
    }
    PublicKey.CODEC.write(out, v.validator());
    out.bytes(v.signature());
  }

  static Vote readVote(ByteReader in) {
    VoteType type = voteType(in.u8());
    long height = in.u64();
    int round = in.i32();
    var value = in.bool() ? in.hash() : null;
    return new Vote(type, height, round, value, PublicKey.CODEC.read(in), in.bytes(MAX_SIGNATURE));
  }

  private static VoteType voteType(int code) {
    try {
      return VoteType.ofCode(code);
    } catch (IllegalArgumentException e) {
      throw new CodecException(e.getMessage());
    }
  }

  private static <E> E enumAt(E[] values, int ordinal) {
    if (ordinal >= values.length) {
      throw new CodecException("enum ordinal " + ordinal + " out of range");
    }
    return values[ordinal];
  }
}
