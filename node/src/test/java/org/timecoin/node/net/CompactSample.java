package org.timecoin.node.net;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.Proposal;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;

/** Blocks of distinct transactions with a right transaction root, and their signed proposals. */
public final class CompactSample {
  private CompactSample() {}

  private static final KeyPair PAYER = KeyPair.fromSeed(Sha256.digest("payer".getBytes()));

  /** A transfer, distinct for each {@code n}; its signature is not checked here. */
  public static Transaction tx(int n) {
    OutPoint prev = new OutPoint(Sha256.hash(new byte[] {9, (byte) n, (byte) (n >> 8)}), 0);
    return new Transaction(
        1,
        List.of(new TxIn(prev, PAYER.publicKey(), new byte[64])),
        List.of(new TxOut(990_000, Address.ofPayload(new byte[20]))),
        0,
        0);
  }

  public static List<Transaction> txs(int from, int count) {
    List<Transaction> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(tx(i));
    }
    return out;
  }

  /** A block of height {@code height} holding {@code txs}, signed as proposed by {@code signer}. */
  public static ProposalMessage proposal(
      KeyPair signer, Hash32 chain, long height, int round, List<Transaction> txs) {
    List<Hash32> ids = txs.stream().map(Transaction::txid).toList();
    BlockHeader header =
        new BlockHeader(
            1,
            chain,
            height,
            Hash32.ZERO,
            MerkleRoot.of(ids),
            Hash32.ZERO,
            1_000,
            signer.publicKey(),
            round,
            Hash32.ZERO,
            LastCommit.empty().hash());
    Block block = new Block(header, LastCommit.empty(), txs);
    byte[] sig =
        signer.sign(MessageSigning.proposalSignBytes(chain, height, round, block.hash(), -1));
    return new ProposalMessage(
        new Proposal(height, round, block.hash(), -1, signer.publicKey(), sig), block);
  }

  /** The compact form of a block of a coinbase-like first transaction and {@code n - 1} others. */
  public static CompactProposal compact(int n) {
    KeyPair signer = KeyPair.fromSeed(Sha256.digest("sample proposer".getBytes()));
    ProposalMessage m = proposal(signer, Sha256.hash("chain".getBytes()), 3, 0, txs(0, n));
    return CompactProposal.of(m.proposal(), m.block());
  }
}
