package org.timecoin.node.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.CompactProposal;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.ShortTxIds;

/**
 * Rebuilds the block of a {@link CompactProposal} from transactions at hand (the mempool), and says
 * which transactions must be fetched: those no candidate matches, and those whose short id is
 * ambiguous (two transactions of the block, or two candidates, with one id). Never trusts a match:
 * the finished block must have the header's transaction root, or every short-id slot is fetched.
 * Not thread-safe; one owner at a time.
 */
final class BlockReconstruction {
  private final CompactProposal compact;
  private final Transaction[] txs;

  /** Slots no candidate may fill: their id is shared, so only a fetch can say which it is. */
  private final boolean[] ambiguous;

  private BlockReconstruction(CompactProposal compact) {
    this.compact = compact;
    this.txs = new Transaction[compact.txCount()];
    this.ambiguous = new boolean[txs.length];
  }

  /**
   * @param candidates calls its argument with every transaction that may be in the block
   */
  static BlockReconstruction start(
      CompactProposal compact, Consumer<Consumer<Transaction>> candidates) {
    BlockReconstruction r = new BlockReconstruction(compact);
    Map<Long, Integer> slotById = r.placePrefilledAndIndexIds();
    if (!slotById.isEmpty()) {
      ShortTxIds ids = new ShortTxIds(compact.header().hash());
      candidates.accept(tx -> r.offer(slotById, ids.of(tx.txid()), tx));
    }
    return r;
  }

  private Map<Long, Integer> placePrefilledAndIndexIds() {
    Map<Long, Integer> slotById = new HashMap<>(compact.shortIds().length * 2);
    int p = 0;
    int s = 0;
    for (int i = 0; i < txs.length; i++) {
      var prefilled = compact.prefilled();
      if (p < prefilled.size() && prefilled.get(p).index() == i) {
        txs[i] = prefilled.get(p++).tx();
        continue;
      }
      Integer twin = slotById.putIfAbsent(compact.shortIds()[s++], i);
      if (twin != null) {
        ambiguous[twin] = true;
        ambiguous[i] = true;
      }
    }
    return slotById;
  }

  private void offer(Map<Long, Integer> slotById, long id, Transaction tx) {
    Integer slot = slotById.get(id);
    if (slot == null || ambiguous[slot]) {
      return;
    }
    if (txs[slot] != null && !txs[slot].txid().equals(tx.txid())) {
      txs[slot] = null; // two candidates share the id: fetch it
      ambiguous[slot] = true;
      return;
    }
    txs[slot] = tx;
  }

  /** Indexes of the transactions still missing, ascending; empty when the block is complete. */
  int[] missing() {
    int[] out = new int[txs.length];
    int n = 0;
    for (int i = 0; i < txs.length; i++) {
      if (txs[i] == null) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Places fetched transactions at {@code indexes}, in order; false (nothing placed) when the
   * counts differ.
   */
  boolean fill(int[] indexes, List<Transaction> fetched) {
    if (indexes.length != fetched.size()) {
      return false;
    }
    for (int i = 0; i < indexes.length; i++) {
      txs[indexes[i]] = fetched.get(i);
    }
    return true;
  }

  /**
   * Forgets every transaction matched by short id, so all of them are fetched: for a block whose
   * root came out wrong (an undetected collision).
   */
  void forgetMatches() {
    int p = 0;
    var prefilled = compact.prefilled();
    for (int i = 0; i < txs.length; i++) {
      if (p < prefilled.size() && prefilled.get(p).index() == i) {
        p++;
      } else {
        txs[i] = null;
      }
    }
  }

  /**
   * The block when every slot is filled with distinct transactions that have the header's root,
   * else null. Distinct, because the Merkle root pairs an odd level's last node with itself: a
   * block with its last transaction repeated has the same root as the block without it.
   */
  ProposalMessage proposal() {
    List<Transaction> list = new ArrayList<>(txs.length);
    Set<Hash32> ids = new HashSet<>(txs.length * 2);
    for (Transaction tx : txs) {
      if (tx == null || !ids.add(tx.txid())) {
        return null;
      }
      list.add(tx);
    }
    Block block = new Block(compact.header(), compact.lastCommit(), list);
    if (!block.computeTxRoot().equals(compact.header().txRoot())) {
      return null;
    }
    return new ProposalMessage(compact.proposal(), block);
  }

  CompactProposal compact() {
    return compact;
  }
}
