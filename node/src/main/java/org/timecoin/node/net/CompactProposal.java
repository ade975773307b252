package org.timecoin.node.net;

import java.util.List;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.consensus.Proposal;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.tx.Transaction;

/**
 * A proposal whose block names most of its transactions by {@link ShortTxIds short id}: the
 * receiver has them from transaction relay and rebuilds the block from its mempool, fetching only
 * what it lacks (the scheme of Bitcoin's BIP 152). The coinbase, which no mempool holds, travels
 * whole, as "prefilled".
 *
 * @param prefilled transactions sent whole, each with its index in the block, indexes ascending
 * @param shortIds the short ids of the other transactions, in block order
 */
public record CompactProposal(
    Proposal proposal,
    BlockHeader header,
    LastCommit lastCommit,
    List<Prefilled> prefilled,
    long[] shortIds) {

  /** Bytes of the signed proposal's fields. */
  private static final long PROPOSAL_SIZE = 8 + 4 + 32 + 4 + 32 + 64;

  /** A transaction sent whole, at {@code index} in the block. */
  public record Prefilled(int index, Transaction tx) {}

  public CompactProposal {
    prefilled = List.copyOf(prefilled);
    int count = txCount(prefilled, shortIds);
    int last = -1;
    for (Prefilled p : prefilled) {
      if (p.index() <= last || p.index() >= count) {
        throw new IllegalArgumentException(
            "prefilled index " + p.index() + " not ascending within 0.." + (count - 1));
      }
      last = p.index();
    }
  }

  private static int txCount(List<Prefilled> prefilled, long[] shortIds) {
    long n = (long) prefilled.size() + shortIds.length;
    if (n > Block.MAX_TXS) {
      throw new IllegalArgumentException("compact block of " + n + " transactions");
    }
    return (int) n;
  }

  /** Transactions of the block, prefilled and named by short id. */
  public int txCount() {
    return prefilled.size() + shortIds.length;
  }

  /** The compact form of {@code block}: its first transaction (the coinbase) whole. */
  public static CompactProposal of(Proposal proposal, Block block) {
    List<Transaction> txs = block.txs();
    List<Prefilled> whole = txs.isEmpty() ? List.of() : List.of(new Prefilled(0, txs.get(0)));
    long[] ids = new long[Math.max(0, txs.size() - 1)];
    ShortTxIds keyed = new ShortTxIds(block.hash());
    for (int i = 1; i < txs.size(); i++) {
      ids[i - 1] = keyed.of(txs.get(i).txid());
    }
    return new CompactProposal(proposal, block.header(), block.lastCommit(), whole, ids);
  }

  /** Bytes of the encoding, computed without encoding. */
  public int encodedSize() {
    long size = PROPOSAL_SIZE + BlockHeader.ENCODED_SIZE + lastCommit.encodedSize() + 8L;
    for (Prefilled p : prefilled) {
      size += 4 + p.tx().encodedSize();
    }
    return (int) Math.min(Integer.MAX_VALUE, size + 8L * shortIds.length);
  }

  /**
   * proposal ‖ header ‖ lastCommit ‖ u32 n ‖ n × (u32 index ‖ tx) ‖ u32 m ‖ m × u64 short id. The
   * counts are checked against the remaining input before anything is allocated for them.
   */
  public static final Codec<CompactProposal> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, CompactProposal c) {
          ConsensusCodecs.writeProposal(out, c.proposal());
          BlockHeader.CODEC.write(out, c.header());
          LastCommit.CODEC.write(out, c.lastCommit());
          out.list(
              c.prefilled(),
              (w, p) -> {
                w.u32(p.index());
                Transaction.CODEC.write(w, p.tx());
              });
          out.u32(c.shortIds().length);
          for (long id : c.shortIds()) {
            out.u64(id);
          }
        }

        @Override
        public CompactProposal read(ByteReader in) {
          Proposal proposal = ConsensusCodecs.readProposal(in);
          BlockHeader header = BlockHeader.CODEC.read(in);
          LastCommit lastCommit = LastCommit.CODEC.read(in);
          List<Prefilled> prefilled =
              in.list(Block.MAX_TXS, r -> new Prefilled(index(r), Transaction.CODEC.read(r)));
          long n = in.u32();
          if (n > in.remaining() / 8) {
            throw new CodecException(n + " short ids cannot fit in " + in.remaining() + " bytes");
          }
          long[] ids = new long[(int) n];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = in.u64();
          }
          try {
            return new CompactProposal(proposal, header, lastCommit, prefilled, ids);
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
        }
      };

  private static int index(ByteReader r) {
    long i = r.u32();
    if (i >= Block.MAX_TXS) {
      throw new CodecException("prefilled index " + i + " beyond " + Block.MAX_TXS);
    }
    return (int) i;
  }
}
