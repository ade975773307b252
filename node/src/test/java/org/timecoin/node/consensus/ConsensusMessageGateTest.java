package org.timecoin.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.node.chain.LateCommits;
import org.timecoin.node.chain.TestChain;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.p2p.RateLimit;

/** Every path through the gate, one row each: the verdict, the penalty, the signatures checked. */
class ConsensusMessageGateTest {
  static final TestChain T = new TestChain(0);
  static final Hash32 CHAIN = T.genesis.chainId();
  static final ValidatorSet SET = T.chain.validators();
  static final KeyPair PEER = KeyPair.fromSeed(Sha256.digest("peer".getBytes()));
  static final KeyPair OUTSIDER = KeyPair.fromSeed(Sha256.digest("outsider".getBytes()));
  static final KeyPair VALIDATOR = T.validatorKeys.get(1);

  /** Our consensus: height 5, round 2. */
  static final long H = 5;

  static final int R = 2;

  final FakeNetwork net = new FakeNetwork(T.validatorKeys.get(0).publicKey());
  final List<Object> accepted = new CopyOnWriteArrayList<>();
  final LateCommits late = new LateCommits();

  /** The validator set of each height, as the chain answers it. */
  LongFunction<ValidatorSet> sets = h -> SET;

  @AfterAll
  static void closeChain() {
    T.close();
  }

  ConsensusMessageGate gate(java.util.concurrent.Executor pool, long maxBlockBytes) {
    return new ConsensusMessageGate(
        sets,
        MessageVerifier.ed25519(CHAIN),
        net,
        pool,
        new ConsensusPosition() {
          @Override
          public long height() {
            return H;
          }

          @Override
          public int round() {
            return R;
          }
        },
        maxBlockBytes,
        new ConsensusMessageGate.Accepted() {
          @Override
          public void proposal(PublicKey from, ProposalMessage message) {
            accepted.add(message);
          }

          @Override
          public void vote(PublicKey from, Vote vote) {
            accepted.add(vote);
          }
        },
        late);
  }

  ConsensusMessageGate gate() {
    return gate(Runnable::run, 1_000_000);
  }

  static Vote vote(KeyPair signer, long height, int round) {
    return vote(signer, height, round, "block");
  }

  static Vote vote(KeyPair signer, long height, int round, String block) {
    Hash32 value = Hash32.of(Sha256.digest(block.getBytes()));
    byte[] sig =
        signer.sign(MessageSigning.voteSignBytes(CHAIN, VoteType.PREVOTE, height, round, value));
    return new Vote(VoteType.PREVOTE, height, round, value, signer.publicKey(), sig);
  }

  static Vote forged(Vote v) {
    byte[] sig = v.signature().clone();
    sig[5] ^= 1;
    return new Vote(v.type(), v.height(), v.round(), v.value(), v.validator(), sig);
  }

  static Block block(long height) {
    BlockHeader header =
        new BlockHeader(
            1,
            CHAIN,
            height,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            1_000,
            T.validatorKeys.get(0).publicKey(),
            0,
            Hash32.ZERO,
            LastCommit.empty().hash());
    return new Block(header, LastCommit.empty(), List.of());
  }

  static KeyPair proposerOf(long height, int round) {
    PublicKey key = ProposerSelector.proposer(SET, height, round);
    return T.validatorKeys.stream().filter(k -> k.publicKey().equals(key)).findFirst().get();
  }

  static KeyPair notProposerOf(long height, int round) {
    KeyPair p = proposerOf(height, round);
    return T.validatorKeys.stream().filter(k -> k != p).findFirst().get();
  }

  static ProposalMessage proposal(KeyPair signer, long height, int round, int validRound) {
    return proposal(signer, height, round, validRound, block(height));
  }

  static ProposalMessage proposal(
      KeyPair signer, long height, int round, int validRound, Block block) {
    Hash32 value = block == null ? Hash32.ZERO : block.hash();
    byte[] sig =
        signer.sign(MessageSigning.proposalSignBytes(CHAIN, height, round, value, validRound));
    return new ProposalMessage(
        new Proposal(height, round, value, validRound, signer.publicKey(), sig), block);
  }

  static ProposalMessage right(long height, int round) {
    return proposal(proposerOf(height, round), height, round, -1);
  }

  static ProposalMessage forged(ProposalMessage m) {
    Proposal p = m.proposal();
    byte[] sig = p.signature().clone();
    sig[0] ^= 1;
    return new ProposalMessage(
        new Proposal(p.height(), p.round(), p.value(), p.validRound(), p.proposer(), sig),
        m.block());
  }

  /** One row: what the peer (claiming {@code peerHeight}) sends, and what the gate must say. */
  record Row(String name, long peerHeight, Object message, GateVerdict expected) {
    @Override
    public String toString() {
      return name + " -> " + expected;
    }
  }

  static Row row(String name, Object message, GateVerdict expected) {
    return new Row(name, 0, message, expected);
  }

  static Stream<Row> rows() {
    List<Row> r = new ArrayList<>();
    // votes
    r.add(row("vote of our height and round", vote(VALIDATOR, H, R), GateVerdict.ACCEPTED));
    r.add(row("vote of an earlier round", vote(VALIDATOR, H, 0), GateVerdict.ACCEPTED));
    r.add(row("vote of the next height", vote(VALIDATOR, H + 1, 0), GateVerdict.ACCEPTED));
    r.add(row("vote at the round window", vote(VALIDATOR, H, R + 32), GateVerdict.ACCEPTED));
    r.add(row("vote past the round window", vote(VALIDATOR, H, R + 33), GateVerdict.FUTURE_ROUND));
    r.add(row("next height, round 32", vote(VALIDATOR, H + 1, 32), GateVerdict.ACCEPTED));
    r.add(row("next height, round 33", vote(VALIDATOR, H + 1, 33), GateVerdict.FUTURE_ROUND));
    r.add(
        row("vote 10,001 rounds ahead", vote(VALIDATOR, H, R + 10_001), GateVerdict.ABSURD_ROUND));
    r.add(
        row(
            "vote of round 2^31-1",
            vote(VALIDATOR, H, Integer.MAX_VALUE),
            GateVerdict.ABSURD_ROUND));
    r.add(row("vote one height old", vote(VALIDATOR, H - 1, 0), GateVerdict.OLD_HEIGHT));
    r.add(row("vote of height 1", vote(VALIDATOR, 1, 0), GateVerdict.OLD_HEIGHT));
    r.add(row("vote two heights ahead", vote(VALIDATOR, H + 2, 0), GateVerdict.FUTURE_HEIGHT));
    r.add(row("vote 1,000 ahead", vote(VALIDATOR, H + 1_000, 0), GateVerdict.FUTURE_HEIGHT));
    r.add(row("vote 1,001 ahead", vote(VALIDATOR, H + 1_001, 0), GateVerdict.ABSURD_HEIGHT));
    r.add(
        new Row(
            "far ahead of us, near the sender's claim",
            50_000,
            vote(VALIDATOR, 50_500, 0),
            GateVerdict.FUTURE_HEIGHT));
    r.add(
        new Row(
            "far beyond the sender's claim",
            50_000,
            vote(VALIDATOR, 51_001, 0),
            GateVerdict.ABSURD_HEIGHT));
    r.add(row("vote of round -1", vote(VALIDATOR, H, -1), GateVerdict.MALFORMED));
    r.add(row("vote of height 0", vote(VALIDATOR, 0, 0), GateVerdict.MALFORMED));
    r.add(row("vote of a non-validator", vote(OUTSIDER, H, R), GateVerdict.NOT_A_VALIDATOR));
    r.add(
        row("vote with a bad signature", forged(vote(VALIDATOR, H, R)), GateVerdict.BAD_SIGNATURE));
    r.add(
        row(
            "forged vote outside the window",
            forged(vote(VALIDATOR, H + 7, 0)),
            GateVerdict.FUTURE_HEIGHT));
    // proposals
    r.add(row("proposal of the proposer", right(H, R), GateVerdict.ACCEPTED));
    r.add(row("proposal of the next height", right(H + 1, 0), GateVerdict.ACCEPTED));
    r.add(
        row(
            "proposal with a polka round",
            proposal(proposerOf(H, R), H, R, 1),
            GateVerdict.ACCEPTED));
    r.add(
        row(
            "proposal by another validator",
            proposal(notProposerOf(H, R), H, R, -1),
            GateVerdict.WRONG_PROPOSER));
    r.add(
        row(
            "proposal by a non-validator",
            proposal(OUTSIDER, H, R, -1),
            GateVerdict.NOT_A_VALIDATOR));
    r.add(row("proposal with a bad signature", forged(right(H, R)), GateVerdict.BAD_SIGNATURE));
    r.add(
        row(
            "proposal without its block",
            proposal(proposerOf(H, R), H, R, -1, null),
            GateVerdict.MALFORMED));
    r.add(
        row(
            "proposal with a block of another height",
            new ProposalMessage(right(H, R).proposal(), block(H + 1)),
            GateVerdict.MALFORMED));
    r.add(
        row(
            "proposal with another block",
            new ProposalMessage(
                right(H, R).proposal(),
                new Block(
                    new BlockHeader(
                        2,
                        CHAIN,
                        H,
                        Hash32.ZERO,
                        Hash32.ZERO,
                        Hash32.ZERO,
                        1,
                        PEER.publicKey(),
                        0,
                        Hash32.ZERO,
                        LastCommit.empty().hash()),
                    LastCommit.empty(),
                    List.of())),
            GateVerdict.MALFORMED));
    r.add(
        row(
            "proposal whose validRound is its round",
            proposal(proposerOf(H, R), H, R, R),
            GateVerdict.INVALID_VALID_ROUND));
    r.add(
        row(
            "proposal whose validRound is below -1",
            proposal(proposerOf(H, R), H, R, -2),
            GateVerdict.INVALID_VALID_ROUND));
    r.add(
        row(
            "proposal of round 2^31-1",
            proposal(VALIDATOR, H, Integer.MAX_VALUE, -1),
            GateVerdict.ABSURD_ROUND));
    r.add(
        row(
            "proposal past the round window",
            proposal(VALIDATOR, H, R + 33, -1),
            GateVerdict.FUTURE_ROUND));
    r.add(
        row(
            "proposal for height +100,000",
            proposal(VALIDATOR, H + 100_000, 0, -1),
            GateVerdict.ABSURD_HEIGHT));
    r.add(row("proposal two heights ahead", right(H + 2, 0), GateVerdict.FUTURE_HEIGHT));
    r.add(row("proposal one height old", right(H - 1, 0), GateVerdict.OLD_HEIGHT));
    return r.stream();
  }

  void send(ConsensusMessageGate gate, Object message) {
    if (message instanceof Vote v) {
      gate.onVote(PEER.publicKey(), v);
    } else {
      gate.onProposal(PEER.publicKey(), (ProposalMessage) message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachMessageGetsItsVerdict(Row row) {
    net.connect(FakeNetwork.peer(PEER.publicKey(), row.peerHeight()));
    ConsensusMessageGate gate = gate();
    send(gate, row.message());

    assertThat(gate.count(row.expected())).as("verdict").isEqualTo(1);
    if (row.expected() == GateVerdict.ACCEPTED) {
      assertThat(accepted).containsExactly(row.message());
    } else {
      assertThat(accepted).isEmpty();
    }
    if (row.expected().penalises()) {
      assertThat(net.penalties)
          .containsExactly(
              PEER.publicKey().toHex() + " consensus message refused: " + row.expected());
    } else {
      assertThat(net.penalties).isEmpty();
    }
    boolean signatureWork =
        row.expected() == GateVerdict.ACCEPTED || row.expected() == GateVerdict.BAD_SIGNATURE;
    assertThat(gate.signatureChecks()).isEqualTo(signatureWork ? 1 : 0);
  }

  /**
   * At an epoch boundary between H and H + 1 the outsider joins and VALIDATOR leaves: each message
   * is judged by the set of its own height, so the joiner's early vote and the leaver's late one
   * are refused, and their votes of the right heights pass.
   */
  @Test
  void eachMessageIsJudgedByTheSetOfItsHeight() {
    List<Validator> next = new ArrayList<>();
    for (Validator v : SET.validators()) {
      if (!v.key().equals(VALIDATOR.publicKey())) {
        next.add(v);
      }
    }
    next.add(
        new Validator(
            OUTSIDER.publicKey(), 1, Tier.BRONZE, Address.fromPublicKey(OUTSIDER.publicKey())));
    ValidatorSet nextSet = new ValidatorSet(next);
    sets = h -> h <= H ? SET : nextSet;
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    ConsensusMessageGate gate = gate();

    send(gate, vote(OUTSIDER, H, R)); // joins only at H + 1
    send(gate, vote(VALIDATOR, H + 1, 0)); // left at the boundary
    assertThat(gate.count(GateVerdict.NOT_A_VALIDATOR)).isEqualTo(2);

    Vote joined = vote(OUTSIDER, H + 1, 0);
    Vote lastOfLeaver = vote(VALIDATOR, H, R);
    send(gate, joined);
    send(gate, lastOfLeaver);
    assertThat(accepted).containsExactly(joined, lastOfLeaver);
  }

  @Test
  void aMessageOfAHeightWhoseSetIsNotKnownYetIsDroppedQuietly() {
    sets = h -> h <= H ? SET : null;
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    ConsensusMessageGate gate = gate();
    send(gate, vote(VALIDATOR, H + 1, 0));
    assertThat(gate.count(GateVerdict.FUTURE_HEIGHT)).isEqualTo(1);
    assertThat(net.penalties).isEmpty();
    assertThat(gate.signatureChecks()).isZero();
  }

  @Test
  void aBlockAboveTheGenesisLimitIsRefusedBeforeAnyOtherWork() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    ConsensusMessageGate gate = gate(Runnable::run, BlockHeader.ENCODED_SIZE + 3);
    send(gate, right(H, R));
    assertThat(gate.count(GateVerdict.OVERSIZE)).isEqualTo(1);
    assertThat(net.penalties).hasSize(1);
    assertThat(gate.signatureChecks()).isZero();
  }

  @Test
  void aMessageFromAPeerNoLongerConnectedIsDroppedUnchecked() {
    ConsensusMessageGate gate = gate();
    send(gate, vote(VALIDATOR, H, R));
    send(gate, right(H, R));
    assertThat(gate.count(GateVerdict.SENDER_GONE)).isEqualTo(2);
    assertThat(accepted).isEmpty();
    assertThat(net.penalties).isEmpty();
    assertThat(gate.signatureChecks()).isZero();
  }

  @Test
  void aReplayedMessageCostsNoSignatureCheck() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    ConsensusMessageGate gate = gate();
    Vote v = vote(VALIDATOR, H, R);
    ProposalMessage p = right(H, R);
    for (int i = 0; i < 1_000; i++) {
      send(gate, v);
      send(gate, p);
    }
    assertThat(accepted).containsExactly(v, p);
    assertThat(gate.signatureChecks()).isEqualTo(2);
    assertThat(gate.count(GateVerdict.ALREADY_KNOWN)).isEqualTo(1_998);
    assertThat(net.penalties).isEmpty();
  }

  @Test
  void aForgeryDoesNotTakeTheSlotOfTheGenuineMessage() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    ConsensusMessageGate gate = gate();
    Vote v = vote(VALIDATOR, H, R);
    send(gate, forged(v));
    send(gate, v);
    assertThat(accepted).containsExactly(v);
  }

  @Test
  void aSlotKeepsOneConflictingMessageForEvidenceAndNoMore() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    ConsensusMessageGate gate = gate();
    Vote a = vote(VALIDATOR, H, R, "a");
    Vote b = vote(VALIDATOR, H, R, "b");
    Vote c = vote(VALIDATOR, H, R, "c");
    send(gate, a);
    send(gate, b);
    send(gate, c);
    assertThat(accepted).containsExactly(a, b);
    assertThat(gate.count(GateVerdict.SLOT_FULL)).isEqualTo(1);
    assertThat(gate.signatureChecks()).isEqualTo(2);
  }

  @Test
  void beyondThePendingBoundMessagesAreDroppedAsBusy() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    List<Runnable> queued = new ArrayList<>();
    ConsensusMessageGate gate = gate(queued::add, 1_000_000);
    Vote v = vote(VALIDATOR, H, R);
    for (int i = 0; i <= ConsensusMessageGate.MAX_PENDING; i++) {
      gate.onVote(PEER.publicKey(), v);
    }
    assertThat(queued).hasSize(ConsensusMessageGate.MAX_PENDING);
    assertThat(gate.count(GateVerdict.BUSY)).isEqualTo(1);
    assertThat(net.penalties).isEmpty();
  }

  @Test
  void theKnownRecordForgetsHeightsBelowOurs() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), 0));
    long[] height = {H};
    ConsensusMessageGate gate =
        new ConsensusMessageGate(
            h -> SET,
            MessageVerifier.ed25519(CHAIN),
            net,
            Runnable::run,
            new ConsensusPosition() {
              @Override
              public long height() {
                return height[0];
              }

              @Override
              public int round() {
                return 0;
              }
            },
            1_000_000,
            new ConsensusMessageGate.Accepted() {
              @Override
              public void proposal(PublicKey from, ProposalMessage message) {}

              @Override
              public void vote(PublicKey from, Vote vote) {}
            },
            new LateCommits());
    gate.onVote(PEER.publicKey(), vote(VALIDATOR, H, 0));
    gate.onVote(PEER.publicKey(), vote(VALIDATOR, H + 1, 0));
    assertThat(gate.knownSlots()).isEqualTo(2);
    height[0] = H + 1;
    gate.onVote(PEER.publicKey(), vote(VALIDATOR, H + 1, 1));
    assertThat(gate.knownSlots()).isEqualTo(2);
  }

  /** A precommit of {@code signer} for block "block" at (height, round). */
  static Vote precommit(KeyPair signer, long height, int round) {
    Hash32 value = Hash32.of(Sha256.digest("block".getBytes()));
    byte[] sig =
        signer.sign(MessageSigning.voteSignBytes(CHAIN, VoteType.PRECOMMIT, height, round, value));
    return new Vote(VoteType.PRECOMMIT, height, round, value, signer.publicKey(), sig);
  }

  /** The tip H - 1 decided in round 1 with the precommits of validators 0 and 2 only. */
  void storeTipSignedByTwo() {
    List<org.timecoin.domain.block.CommitSignature> sigs = new ArrayList<>();
    for (int i : new int[] {0, 2}) {
      Vote v = precommit(T.validatorKeys.get(i), H - 1, 1);
      sigs.add(new org.timecoin.domain.block.CommitSignature(v.validator(), v.signature()));
    }
    late.onBlockStored(
        block(H - 1),
        new org.timecoin.domain.block.CommitCertificate(
            H - 1, 1, precommit(VALIDATOR, H - 1, 1).value(), sigs));
  }

  @Test
  void aLatePrecommitForTheTipIsKeptForTheNextLastCommitNotGivenToConsensus() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), H));
    storeTipSignedByTwo();
    ConsensusMessageGate gate = gate();

    gate.onVote(PEER.publicKey(), precommit(VALIDATOR, H - 1, 1));

    assertThat(late.size()).isEqualTo(1);
    assertThat(accepted).isEmpty();
    assertThat(net.penalties).isEmpty();
    assertThat(gate.count(GateVerdict.ACCEPTED)).isEqualTo(1);
    // A second copy, another round and a prevote are not late precommits: old height as before.
    gate.onVote(PEER.publicKey(), precommit(VALIDATOR, H - 1, 1));
    gate.onVote(PEER.publicKey(), precommit(T.validatorKeys.get(3), H - 1, 0));
    gate.onVote(PEER.publicKey(), vote(T.validatorKeys.get(3), H - 1, 1));
    assertThat(gate.count(GateVerdict.OLD_HEIGHT)).isEqualTo(3);
    assertThat(gate.signatureChecks()).isEqualTo(1);
    assertThat(late.size()).isEqualTo(1);
  }

  @Test
  void aForgedLatePrecommitIsPenalisedAndNotKept() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), H));
    storeTipSignedByTwo();
    ConsensusMessageGate gate = gate();

    gate.onVote(PEER.publicKey(), forged(precommit(VALIDATOR, H - 1, 1)));

    assertThat(late.size()).isZero();
    assertThat(net.penalties)
        .containsExactly(
            PEER.publicKey().toHex() + " consensus message refused: " + GateVerdict.BAD_SIGNATURE);
  }

  @Test
  void aLatePrecommitOfANonMemberIsRefusedBeforeItsSignatureIsChecked() {
    net.connect(FakeNetwork.peer(PEER.publicKey(), H));
    storeTipSignedByTwo();
    ConsensusMessageGate gate = gate();

    gate.onVote(PEER.publicKey(), precommit(OUTSIDER, H - 1, 1));

    assertThat(late.size()).isZero();
    assertThat(gate.signatureChecks()).isZero();
    assertThat(gate.count(GateVerdict.NOT_A_VALIDATOR)).isEqualTo(1);
  }

  @Test
  void peerMessagesPerSecondBecomesAOneSecondBucketPerType() {
    RateLimit limit = NodeMessages.perPeerLimit(250);
    assertThat(limit.perSecond()).isEqualTo(250.0);
    assertThat(limit.burst()).isEqualTo(250);
    assertThat(NodeMessages.VOTE.withRateLimit(limit).rateLimit()).isEqualTo(limit);
  }
}
