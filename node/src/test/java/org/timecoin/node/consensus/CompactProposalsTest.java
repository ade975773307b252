package org.timecoin.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.timecoin.node.consensus.ConsensusMessageGateTest.CHAIN;
import static org.timecoin.node.consensus.ConsensusMessageGateTest.H;
import static org.timecoin.node.consensus.ConsensusMessageGateTest.PEER;
import static org.timecoin.node.consensus.ConsensusMessageGateTest.R;
import static org.timecoin.node.consensus.ConsensusMessageGateTest.notProposerOf;
import static org.timecoin.node.consensus.ConsensusMessageGateTest.proposerOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.consensus.Proposal;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.net.BlockTxsMessages.BlockTxs;
import org.timecoin.node.net.BlockTxsMessages.GetBlockTxs;
import org.timecoin.node.net.CompactProposal;
import org.timecoin.node.net.CompactSample;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;

/**
 * The compact proposal protocol against a real gate: rebuilt at once, fetched, refused before any
 * mempool work, and the answers a dishonest peer can give.
 */
class CompactProposalsTest {
  static final KeyPair OTHER = KeyPair.fromSeed(Sha256.digest("other peer".getBytes()));

  final ConsensusMessageGateTest gates = new ConsensusMessageGateTest();
  final FakeNetwork net = gates.net;
  final ConsensusMessageGate gate = gates.gate();
  final List<Transaction> txs = CompactSample.txs(0, 40);
  final ProposalMessage whole = CompactSample.proposal(proposerOf(H, R), CHAIN, H, R, txs);
  final CompactProposal compact = CompactProposal.of(whole.proposal(), whole.block());
  final List<Transaction> mempool = new ArrayList<>();
  final AtomicInteger scans = new AtomicInteger();
  final Consumer<Consumer<Transaction>> mempoolScan =
      each -> {
        scans.incrementAndGet();
        mempool.forEach(each);
      };
  final ProposalSender sender = new ProposalSender(net, true);
  final VirtualClock clock = new VirtualClock();
  final CompactProposals protocol = new CompactProposals(net, gate, mempoolScan, sender, clock);

  CompactProposalsTest() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), H));
    net.connect(FakeNetwork.peer(OTHER.publicKey(), H));
  }

  @Test
  void aCompactProposalWhoseTransactionsWaitInTheMempoolIsAcceptedWithoutAFetch() {
    mempool.addAll(txs.subList(1, txs.size()));
    protocol.onCompact(PEER.publicKey(), compact);
    assertThat(gates.accepted).containsExactly(whole);
    assertThat(net.sentOf(NodeMessages.GET_BLOCK_TXS)).isEmpty();
    assertThat(protocol.rebuiltAtOnce()).isEqualTo(1);
  }

  @Test
  void missingTransactionsAreFetchedFromTheSenderAndTheProposalThenAccepted() {
    mempool.addAll(txs.subList(1, 30));
    protocol.onCompact(PEER.publicKey(), compact);
    assertThat(gates.accepted).isEmpty();
    GetBlockTxs asked = net.sentOf(NodeMessages.GET_BLOCK_TXS).get(0);
    assertThat(net.sent.get(0).to()).isEqualTo(PEER.publicKey());
    assertThat(asked.indexes()).hasSize(10).startsWith(30).endsWith(39);

    protocol.onBlockTxs(OTHER.publicKey(), new BlockTxs(asked.blockHash(), txs.subList(30, 40)));
    assertThat(gates.accepted).as("not asked of that peer").isEmpty();

    protocol.onBlockTxs(PEER.publicKey(), new BlockTxs(asked.blockHash(), txs.subList(30, 40)));
    assertThat(gates.accepted).containsExactly(whole);
    assertThat(protocol.fetches()).isEqualTo(1);
    assertThat(protocol.transactionsFetched()).isEqualTo(10);
    assertThat(net.penalties).isEmpty();
  }

  @Test
  void anAnswerWithTheWrongNumberOfTransactionsIsDroppedWithoutBlame() {
    protocol.onCompact(PEER.publicKey(), compact);
    GetBlockTxs asked = net.sentOf(NodeMessages.GET_BLOCK_TXS).get(0);
    protocol.onBlockTxs(PEER.publicKey(), new BlockTxs(asked.blockHash(), txs.subList(1, 5)));
    assertThat(gates.accepted).isEmpty();
    assertThat(protocol.unmatchedAnswers()).isEqualTo(1);
    assertThat(net.penalties).as("it may answer an earlier fetch of ours").isEmpty();
  }

  @Test
  void aSenderThatNeverAnswersDelaysTheProposalOnlyUntilAnotherCopyArrives() {
    mempool.addAll(txs.subList(1, 30));
    protocol.onCompact(PEER.publicKey(), compact);
    protocol.onCompact(OTHER.publicKey(), compact);
    assertThat(net.sentOf(NodeMessages.GET_BLOCK_TXS))
        .as("a copy right behind the first waits for its fetch")
        .hasSize(1);
    clock.advance(Duration.ofNanos(CompactProposals.RETRY_AFTER_NANOS));
    protocol.onCompact(OTHER.publicKey(), compact);
    assertThat(net.sent)
        .filteredOn(s -> s.type().id() == NodeMessages.GET_BLOCK_TXS.id())
        .extracting(FakeNetwork.Sent::to)
        .containsExactly(PEER.publicKey(), OTHER.publicKey());
    GetBlockTxs asked = net.sentOf(NodeMessages.GET_BLOCK_TXS).get(1);
    protocol.onBlockTxs(OTHER.publicKey(), new BlockTxs(asked.blockHash(), txs.subList(30, 40)));
    assertThat(gates.accepted).containsExactly(whole);
  }

  @Test
  void aRebuiltBlockRepeatingItsLastTransactionIsRefusedThoughItsRootMatches() {
    // An odd count: the Merkle root pairs the last txid with itself, so [.., c, c] has the root of
    // [.., c]. The attacker names c twice and answers the fetch of both slots with c.
    List<Transaction> odd = txs.subList(0, 5);
    ProposalMessage m = CompactSample.proposal(proposerOf(H, R), CHAIN, H, R, odd);
    CompactProposal honest = CompactProposal.of(m.proposal(), m.block());
    long[] ids = java.util.Arrays.copyOf(honest.shortIds(), 5);
    ids[4] = ids[3];
    CompactProposal twin =
        new CompactProposal(
            honest.proposal(), honest.header(), honest.lastCommit(), honest.prefilled(), ids);
    protocol.onCompact(PEER.publicKey(), twin);
    GetBlockTxs asked = net.sentOf(NodeMessages.GET_BLOCK_TXS).get(0);
    Transaction last = odd.get(4);
    List<Transaction> answer = new ArrayList<>(odd.subList(1, 5));
    answer.add(last);
    protocol.onBlockTxs(PEER.publicKey(), new BlockTxs(asked.blockHash(), answer));
    assertThat(gates.accepted).isEmpty();
  }

  @Test
  void anAnswerThatDoesNotMatchTheRootIsRefusedWithoutBlamingTheRelayer() {
    protocol.onCompact(PEER.publicKey(), compact);
    GetBlockTxs asked = net.sentOf(NodeMessages.GET_BLOCK_TXS).get(0);
    List<Transaction> wrong = new ArrayList<>(txs.subList(1, 40));
    wrong.set(3, CompactSample.tx(900));
    protocol.onBlockTxs(PEER.publicKey(), new BlockTxs(asked.blockHash(), wrong));
    assertThat(gates.accepted).isEmpty();
    assertThat(protocol.badBlocks()).isEqualTo(1);
    assertThat(net.penalties).isEmpty();
  }

  @Test
  void aForgedCompactProposalIsRefusedBeforeTheMempoolIsScanned() {
    Proposal p = compact.proposal();
    byte[] sig = p.signature().clone();
    sig[0] ^= 1;
    CompactProposal forged =
        new CompactProposal(
            new Proposal(p.height(), p.round(), p.value(), p.validRound(), p.proposer(), sig),
            compact.header(),
            compact.lastCommit(),
            compact.prefilled(),
            compact.shortIds());
    protocol.onCompact(PEER.publicKey(), forged);
    assertThat(scans).hasValue(0);
    assertThat(gate.count(GateVerdict.BAD_SIGNATURE)).isEqualTo(1);
    assertThat(net.points).containsEntry(PEER.publicKey(), ConsensusMessageGate.FORGED_POINTS);
    assertThat(net.sentOf(NodeMessages.GET_BLOCK_TXS)).isEmpty();
  }

  @Test
  void aCompactProposalFromTheWrongProposerCostsNoSignatureCheckAndNoScan() {
    ProposalMessage m = CompactSample.proposal(notProposerOf(H, R), CHAIN, H, R, txs);
    protocol.onCompact(PEER.publicKey(), CompactProposal.of(m.proposal(), m.block()));
    assertThat(gate.count(GateVerdict.WRONG_PROPOSER)).isEqualTo(1);
    assertThat(gate.signatureChecks()).isZero();
    assertThat(scans).hasValue(0);
  }

  @Test
  void aCompactProposalOfAnOldHeightIsDroppedWithoutPenalty() {
    ProposalMessage m = CompactSample.proposal(proposerOf(H - 1, 0), CHAIN, H - 1, 0, txs);
    protocol.onCompact(PEER.publicKey(), CompactProposal.of(m.proposal(), m.block()));
    assertThat(gate.count(GateVerdict.OLD_HEIGHT)).isEqualTo(1);
    assertThat(net.penalties).isEmpty();
    assertThat(scans).hasValue(0);
  }

  @Test
  void aFetchIsAnsweredFromTheBlocksThisNodeSentCompact() {
    sender.broadcast(whole, p -> true);
    assertThat(net.sentOf(NodeMessages.PROPOSAL)).isEmpty();
    assertThat(net.sentOf(NodeMessages.COMPACT_PROPOSAL))
        .singleElement()
        .satisfies(c -> assertThat(c.shortIds()).containsExactly(compact.shortIds()));
    protocol.onGetBlockTxs(
        OTHER.publicKey(), new GetBlockTxs(whole.block().hash(), new int[] {2, 7}));
    BlockTxs answer = net.sentOf(NodeMessages.BLOCK_TXS).get(0);
    assertThat(answer.txs()).containsExactly(txs.get(2), txs.get(7));
  }

  @Test
  void aFetchBeyondTheBlockCostsStandingAndOneForAnUnknownBlockIsIgnored() {
    sender.broadcast(whole, p -> true);
    protocol.onGetBlockTxs(
        OTHER.publicKey(), new GetBlockTxs(whole.block().hash(), new int[] {3, 40}));
    assertThat(net.points).containsEntry(OTHER.publicKey(), CompactProposals.BAD_ANSWER_POINTS);
    protocol.onGetBlockTxs(
        PEER.publicKey(), new GetBlockTxs(Sha256.hash(new byte[] {1}), new int[] {1}));
    assertThat(net.sentOf(NodeMessages.BLOCK_TXS)).isEmpty();
    assertThat(net.points).doesNotContainKey(PEER.publicKey());
  }

  @Test
  void withCompactRelayOffProposalsGoWhole() {
    new ProposalSender(net, false).broadcast(whole, p -> true);
    assertThat(net.sentOf(NodeMessages.PROPOSAL)).containsExactly(whole);
    assertThat(net.sentOf(NodeMessages.COMPACT_PROPOSAL)).isEmpty();
  }
}
