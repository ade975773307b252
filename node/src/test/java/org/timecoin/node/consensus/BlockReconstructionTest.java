package org.timecoin.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.CompactProposal;
import org.timecoin.node.net.CompactSample;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;

class BlockReconstructionTest {
  static final KeyPair PROPOSER = KeyPair.fromSeed(Sha256.digest("proposer".getBytes()));
  static final Hash32 CHAIN = Sha256.hash("chain".getBytes());

  static Consumer<Consumer<Transaction>> pool(List<Transaction> txs) {
    return txs::forEach;
  }

  final List<Transaction> txs = CompactSample.txs(0, 50);
  final ProposalMessage whole = CompactSample.proposal(PROPOSER, CHAIN, 7, 0, txs);
  final CompactProposal compact = CompactProposal.of(whole.proposal(), whole.block());

  @Test
  void aBlockWhoseTransactionsAreAllAtHandIsRebuiltWithoutAFetch() {
    List<Transaction> mempool = new ArrayList<>(CompactSample.txs(1000, 200));
    mempool.addAll(txs.subList(1, txs.size()));
    BlockReconstruction r = BlockReconstruction.start(compact, pool(mempool));
    assertThat(r.missing()).isEmpty();
    assertThat(r.proposal()).isEqualTo(whole);
  }

  @Test
  void theCoinbaseTravelsWholeAndTheRestAsEightByteIds() {
    assertThat(compact.prefilled()).singleElement().satisfies(p -> assertThat(p.index()).isZero());
    assertThat(compact.shortIds()).hasSize(txs.size() - 1);
    assertThat(compact.encodedSize()).isLessThan(whole.block().encodedSize() / 5);
  }

  @Test
  void missingTransactionsAreNamedByIndexAndAFetchCompletesTheBlock() {
    List<Transaction> mempool = new ArrayList<>(txs.subList(1, txs.size()));
    mempool.remove(txs.get(3));
    mempool.remove(txs.get(40));
    BlockReconstruction r = BlockReconstruction.start(compact, pool(mempool));
    assertThat(r.missing()).containsExactly(3, 40);
    assertThat(r.proposal()).isNull();
    assertThat(r.fill(new int[] {3, 40}, List.of(txs.get(3), txs.get(40)))).isTrue();
    assertThat(r.proposal()).isEqualTo(whole);
  }

  @Test
  void anAnswerOfTheWrongCountPlacesNothing() {
    BlockReconstruction r = BlockReconstruction.start(compact, pool(List.of()));
    assertThat(r.fill(r.missing(), List.of(txs.get(1)))).isFalse();
    assertThat(r.missing()).hasSize(txs.size() - 1);
  }

  @Test
  void aWrongTransactionUnderARightIdIsCaughtByTheRootAndEverythingIsFetched() {
    List<Transaction> mempool = new ArrayList<>(txs.subList(1, txs.size()));
    BlockReconstruction r = BlockReconstruction.start(compact, pool(mempool));
    // As if a colliding transaction had matched slot 5: the root no longer matches.
    r.fill(new int[] {5}, List.of(CompactSample.tx(5000)));
    assertThat(r.proposal()).isNull();
    r.forgetMatches();
    assertThat(r.missing()).hasSize(txs.size() - 1).doesNotContain(0);
  }

  @Test
  void twoTransactionsOfTheBlockSharingAnIdAreBothFetched() {
    long[] ids = compact.shortIds().clone();
    ids[10] = ids[20]; // slots 11 and 21 of the block now share an id
    CompactProposal twins =
        new CompactProposal(
            compact.proposal(), compact.header(), compact.lastCommit(), compact.prefilled(), ids);
    BlockReconstruction r = BlockReconstruction.start(twins, pool(txs.subList(1, txs.size())));
    assertThat(r.missing()).containsExactly(11, 21);
  }
}
