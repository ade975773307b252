package org.timecoin.node.net;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/** Block sync and state check messages. */
public final class SyncMessages {
  private SyncMessages() {}

  /** Most blocks asked for or sent in one message. */
  public static final int MAX_BLOCKS_PER_MESSAGE = 128;

  /** A node's finalized tip, sent on connect and after each stored block. */
  public record Status(long height, Hash32 tipHash) {}

  /** Asks for blocks [from, from + count). */
  public record GetBlocks(long from, int count) {}

  /** Blocks in height order, each with its certificate (fewer than asked near the tip). */
  public record Blocks(List<CertifiedBlock> blocks) {}

  /** Asks for the state root at a height. */
  public record GetStateRoot(long height) {}

  /** The state root after block {@code height} ({@code known} false beyond the responder's tip). */
  public record StateRoot(long height, boolean known, Hash32 blockHash, Hash32 stateRoot) {}

  public static final Codec<Status> STATUS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Status s) {
          out.u64(s.height()).hash(s.tipHash());
        }

        @Override
        public Status read(ByteReader in) {
          return new Status(nonNegative(in.u64()), in.hash());
        }
      };

  public static final Codec<GetBlocks> GET_BLOCKS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetBlocks g) {
          out.u64(g.from()).u32(g.count());
        }

        @Override
        public GetBlocks read(ByteReader in) {
          long from = nonNegative(in.u64());
          long count = in.u32();
          if (count < 1 || count > MAX_BLOCKS_PER_MESSAGE) {
            throw new CodecException(
                "block count " + count + " outside 1.." + MAX_BLOCKS_PER_MESSAGE);
          }
          return new GetBlocks(from, (int) count);
        }
      };

  public static final Codec<Blocks> BLOCKS =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Blocks b) {
          out.list(b.blocks(), CertifiedBlock.CODEC::write);
        }

        @Override
        public int sizeHint(Blocks b) {
          long size = 4; // the list's length
          for (CertifiedBlock block : b.blocks()) {
            size += block.encodedSize();
          }
          return (int) Math.min(size, Integer.MAX_VALUE - 8); // megabytes: sized once, not doubled
        }

        @Override
        public Blocks read(ByteReader in) {
          return new Blocks(in.list(MAX_BLOCKS_PER_MESSAGE, CertifiedBlock.CODEC::read));
        }
      };

  public static final Codec<GetStateRoot> GET_STATE_ROOT =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetStateRoot g) {
          out.u64(g.height());
        }

        @Override
        public GetStateRoot read(ByteReader in) {
          return new GetStateRoot(nonNegative(in.u64()));
        }
      };

  public static final Codec<StateRoot> STATE_ROOT =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, StateRoot s) {
          out.u64(s.height()).bool(s.known()).hash(s.blockHash()).hash(s.stateRoot());
        }

        @Override
        public StateRoot read(ByteReader in) {
          return new StateRoot(nonNegative(in.u64()), in.bool(), in.hash(), in.hash());
        }
      };

  private static long nonNegative(long v) {
    if (v < 0) {
      throw new CodecException("height out of range");
    }
    return v;
  }
}
