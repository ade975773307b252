package org.timecoin.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.TestChain;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.production.MempoolBlockProducer;
import org.timecoin.p2p.RateLimit;

class ConsensusMessageGateTest {
  final TestChain t = new TestChain(0);
  final Hash32 chainId = t.genesis.chainId();
  final KeyPair peer = KeyPair.fromSeed(Sha256.digest("peer".getBytes()));
  final KeyPair outsider = KeyPair.fromSeed(Sha256.digest("outsider".getBytes()));
  final FakeNetwork net = new FakeNetwork(t.validatorKeys.get(0).publicKey());
  final List<Object> accepted = new CopyOnWriteArrayList<>();
  final ConsensusMessageGate gate =
      new ConsensusMessageGate(
          h -> t.chain.validators(),
          MessageVerifier.ed25519(chainId),
          net,
          Runnable::run,
          new ConsensusMessageGate.Accepted() {
            @Override
            public void proposal(PublicKey from, ProposalMessage message) {
              accepted.add(message);
            }

            @Override
            public void vote(PublicKey from, Vote vote) {
              accepted.add(vote);
            }
          });

  @AfterEach
  void close() {
    t.close();
  }

  KeyPair keyOf(PublicKey key) {
    return t.validatorKeys.stream()
        .filter(k -> k.publicKey().equals(key))
        .findFirst()
        .orElseThrow();
  }

  Vote vote(KeyPair signer, long height, int round) {
    Hash32 value = Hash32.of(Sha256.digest("block".getBytes()));
    byte[] sig =
        signer.sign(MessageSigning.voteSignBytes(chainId, VoteType.PREVOTE, height, round, value));
    return new Vote(VoteType.PREVOTE, height, round, value, signer.publicKey(), sig);
  }

  Block block(PublicKey proposer) {
    Mempool empty =
        new Mempool(
            chainId,
            t.genesis.params(),
            t.chain.utxoView(),
            t.signatures,
            t.pool,
            MempoolPolicy.of(1, 1),
            tx -> {},
            org.timecoin.common.time.Clock.SYSTEM);
    return new MempoolBlockProducer(t.chain, empty, proposer, 2_000_000, 1, Clock.SYSTEM, t.pool)
        .produce(1, 0)
        .toCompletableFuture()
        .join();
  }

  ProposalMessage proposal(KeyPair signer, Block block, int validRound) {
    Proposal unsigned =
        new Proposal(1, 0, block.hash(), validRound, signer.publicKey(), new byte[64]);
    byte[] sig = signer.sign(MessageSigning.proposalSignBytes(chainId, unsigned));
    return new ProposalMessage(
        new Proposal(1, 0, block.hash(), validRound, signer.publicKey(), sig), block);
  }

  KeyPair roundZeroProposer() {
    return keyOf(ProposerSelector.proposer(t.chain.validators(), 1, 0));
  }

  void assertPenalised(RejectReason reason) {
    assertThat(accepted).isEmpty();
    assertThat(net.penalties)
        .containsExactly(peer.publicKey().toHex() + " consensus message refused: " + reason);
    assertThat(gate.refusedCount()).isEqualTo(1);
  }

  @Test
  void aValidatorsSignedVoteIsAcceptedWithoutPenalty() {
    Vote v = vote(t.validatorKeys.get(1), 3, 0);
    gate.onVote(peer.publicKey(), v);
    assertThat(accepted).containsExactly(v);
    assertThat(net.penalties).isEmpty();
  }

  @Test
  void aVoteWithABadSignatureIsRefusedAndItsSenderPenalised() {
    Vote good = vote(t.validatorKeys.get(1), 3, 0);
    byte[] sig = good.signature().clone();
    sig[5] ^= 1;
    gate.onVote(
        peer.publicKey(),
        new Vote(good.type(), good.height(), good.round(), good.value(), good.validator(), sig));
    assertPenalised(RejectReason.BAD_SIGNATURE);
  }

  @Test
  void aVoteOfANonValidatorIsRefusedAndItsSenderPenalised() {
    gate.onVote(peer.publicKey(), vote(outsider, 3, 0));
    assertPenalised(RejectReason.NOT_A_VALIDATOR);
  }

  @Test
  void aMalformedVoteIsRefusedAndItsSenderPenalised() {
    gate.onVote(peer.publicKey(), vote(t.validatorKeys.get(1), 3, -1));
    assertPenalised(RejectReason.MALFORMED);
  }

  @Test
  void theRightProposersSignedProposalIsAccepted() {
    KeyPair proposer = roundZeroProposer();
    ProposalMessage m = proposal(proposer, block(proposer.publicKey()), -1);
    gate.onProposal(peer.publicKey(), m);
    assertThat(accepted).containsExactly(m);
    assertThat(net.penalties).isEmpty();
  }

  @Test
  void aProposalWithABadSignatureIsRefusedAndItsSenderPenalised() {
    KeyPair proposer = roundZeroProposer();
    ProposalMessage m = proposal(proposer, block(proposer.publicKey()), -1);
    byte[] sig = m.proposal().signature().clone();
    sig[0] ^= 1;
    Proposal p = m.proposal();
    gate.onProposal(
        peer.publicKey(),
        new ProposalMessage(
            new Proposal(p.height(), p.round(), p.value(), p.validRound(), p.proposer(), sig),
            m.block()));
    assertPenalised(RejectReason.BAD_SIGNATURE);
  }

  @Test
  void aProposalByAnotherValidatorThanTheProposerIsRefused() {
    KeyPair proposer = roundZeroProposer();
    KeyPair other = t.validatorKeys.stream().filter(k -> k != proposer).findFirst().orElseThrow();
    gate.onProposal(peer.publicKey(), proposal(other, block(other.publicKey()), -1));
    assertPenalised(RejectReason.WRONG_PROPOSER);
  }

  @Test
  void aProposalByANonValidatorIsRefused() {
    gate.onProposal(
        peer.publicKey(), proposal(outsider, block(roundZeroProposer().publicKey()), -1));
    assertPenalised(RejectReason.NOT_A_VALIDATOR);
  }

  @Test
  void aProposalWhoseBlockIsNotTheProposedOneIsRefused() {
    KeyPair proposer = roundZeroProposer();
    ProposalMessage m = proposal(proposer, block(proposer.publicKey()), -1);
    KeyPair another = t.validatorKeys.stream().filter(k -> k != proposer).findFirst().orElseThrow();
    Block other = block(another.publicKey());
    gate.onProposal(peer.publicKey(), new ProposalMessage(m.proposal(), other));
    assertPenalised(RejectReason.MALFORMED);
  }

  @Test
  void aProposalWithoutItsBlockIsRefused() {
    KeyPair proposer = roundZeroProposer();
    ProposalMessage m = proposal(proposer, block(proposer.publicKey()), -1);
    gate.onProposal(peer.publicKey(), new ProposalMessage(m.proposal(), null));
    assertPenalised(RejectReason.MALFORMED);
  }

  @Test
  void aProposalWithAnImpossibleValidRoundIsRefused() {
    KeyPair proposer = roundZeroProposer();
    gate.onProposal(peer.publicKey(), proposal(proposer, block(proposer.publicKey()), 0));
    assertPenalised(RejectReason.INVALID_VALID_ROUND);
  }

  @Test
  void peerMessagesPerSecondBecomesAOneSecondBucketPerType() {
    RateLimit limit = NodeMessages.perPeerLimit(250);
    assertThat(limit.perSecond()).isEqualTo(250.0);
    assertThat(limit.burst()).isEqualTo(250);
    assertThat(NodeMessages.VOTE.withRateLimit(limit).rateLimit()).isEqualTo(limit);
  }
}
