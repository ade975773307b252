package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Effect.BroadcastProposal;
import org.timecoin.consensus.Effect.BroadcastVote;
import org.timecoin.domain.block.VoteType;

class ConsensusEngineTest {
  static final Fixture F = Fixture.equal(4);
  static final Hash32 A = Fixture.value("A");
  static final Hash32 B = Fixture.value("B");
  static final MessageVerifier VERIFY = MessageVerifier.ed25519(Fixture.CHAIN);

  final int p0 = F.proposer(1, 0);

  ConsensusEngine engine(int self, InMemoryWal wal, InMemorySignGuard guard) {
    return new ConsensusEngine(
        ConsensusState.initial(ConsensusParams.DEFAULT, F.pk(self)),
        Fixture.CHAIN,
        F.signer(self),
        VERIFY,
        wal,
        guard);
  }

  @Test
  void proposerSignsFeedsBackAndLogsItsOwnMessagesDurably() {
    InMemoryWal wal = new InMemoryWal();
    InMemorySignGuard guard = new InMemorySignGuard();
    ConsensusEngine e = engine(p0, wal, guard);
    assertThat(e.handle(F.start(1))).contains(new Effect.RequestValue(1, 0));

    List<Effect> out = e.handle(new Input.ValueToPropose(1, 0, A));
    assertThat(out).hasSize(2);
    Proposal p = ((BroadcastProposal) out.get(0)).proposal();
    Vote v = ((BroadcastVote) out.get(1)).vote();
    assertThat(p).isEqualTo(Fixture.proposal(F.keys.get(p0), 1, 0, A, -1));
    assertThat(VERIFY.verify(p)).isTrue();
    assertThat(v).isEqualTo(F.prevote(p0, 1, 0, A));
    assertThat(VERIFY.verify(v)).isTrue();

    assertThat(wal.records())
        .containsExactly(
            F.start(1),
            new Input.ValueToPropose(1, 0, A),
            new Input.ProposalReceived(p),
            new Input.VoteReceived(v));
    assertThat(wal.syncedCount()).isEqualTo(4);
    assertThat(guard.load()).get().extracting(LastSigned::step).isEqualTo(Step.PREVOTE);
    assertThat(e.state().votes().powerFor(0, VoteType.PREVOTE, A)).isEqualTo(1);
  }

  @Test
  void badSignatureIsRejectedBeforeTheWal() {
    InMemoryWal wal = new InMemoryWal();
    ConsensusEngine e = engine(0, wal, new InMemorySignGuard());
    e.handle(F.start(1));
    Vote good = F.prevote(1, 1, 0, A);
    byte[] sig = good.signature().clone();
    sig[3] ^= 1;
    Input forged = new Input.VoteReceived(new Vote(VoteType.PREVOTE, 1, 0, A, F.pk(1), sig));
    assertThat(e.handle(forged))
        .containsExactly(new Effect.Rejected(forged, RejectReason.BAD_SIGNATURE));
    Input wrongSigner =
        new Input.VoteReceived(new Vote(VoteType.PREVOTE, 1, 0, A, F.pk(2), good.signature()));
    assertThat(e.handle(wrongSigner))
        .containsExactly(new Effect.Rejected(wrongSigner, RejectReason.BAD_SIGNATURE));
    Proposal p = F.proposal(1, 0, A, -1);
    Input tampered =
        new Input.ProposalReceived(new Proposal(1, 0, B, -1, p.proposer(), p.signature()));
    assertThat(e.handle(tampered))
        .containsExactly(new Effect.Rejected(tampered, RejectReason.BAD_SIGNATURE));
    assertThat(wal.records()).containsExactly(F.start(1));
  }

  @Test
  void signerMustBeTheStatesValidator() {
    assertThatThrownBy(
            () ->
                new ConsensusEngine(
                    ConsensusState.initial(ConsensusParams.DEFAULT, F.pk(0)),
                    Fixture.CHAIN,
                    F.signer(1),
                    VERIFY,
                    WalPort.NONE,
                    new InMemorySignGuard()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fourEnginesDecideTheSameBlockWithAVerifiableCertificate() {
    List<ConsensusEngine> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      nodes.add(engine(i, new InMemoryWal(), new InMemorySignGuard()));
    }
    List<Effect.Decide> decisions = new ArrayList<>();
    java.util.ArrayDeque<Object[]> queue = new java.util.ArrayDeque<>();
    for (int i = 0; i < 4; i++) {
      queue.add(new Object[] {i, F.start(1)});
    }
    while (!queue.isEmpty()) {
      Object[] job = queue.poll();
      int to = (int) job[0];
      for (Effect ef : nodes.get(to).handle((Input) job[1])) {
        switch (ef) {
          case BroadcastProposal bp ->
              broadcast(queue, to, new Input.ProposalReceived(bp.proposal()));
          case BroadcastVote bv -> broadcast(queue, to, new Input.VoteReceived(bv.vote()));
          case Effect.RequestValue rv ->
              queue.add(new Object[] {to, new Input.ValueToPropose(1, rv.round(), A)});
          case Effect.ValidateBlock vb ->
              queue.add(new Object[] {to, new Input.BlockValidated(1, vb.value(), true)});
          case Effect.Decide d -> decisions.add(d);
          default -> {}
        }
      }
    }
    assertThat(decisions).hasSize(4);
    assertThat(decisions).extracting(Effect.Decide::value).containsOnly(A);
    for (Effect.Decide d : decisions) {
      assertThat(d.certificate().verify(F.set, Fixture.CHAIN).isValid()).isTrue();
    }
  }

  private static void broadcast(java.util.ArrayDeque<Object[]> queue, int from, Input in) {
    for (int i = 0; i < 4; i++) {
      if (i != from) {
        queue.add(new Object[] {i, in});
      }
    }
  }

  @Test
  void replayOfTheFullWalRebuildsTheStateAndResignsOnlyIdenticalMessages() {
    InMemoryWal wal = new InMemoryWal();
    InMemorySignGuard guard = new InMemorySignGuard();
    int self = AlgorithmRulesTest.firstNotIn(p0);
    ConsensusEngine e = engine(self, wal, guard);
    e.handle(F.start(1));
    e.handle(F.proposalIn(1, 0, A, -1));
    List<Effect> prevoted = e.handle(new Input.BlockValidated(1, A, true));
    for (int i : AlgorithmRulesTest.othersThan(self)) {
      e.handle(F.prevoteIn(i, 1, 0, A));
    }
    ConsensusState before = e.state();
    LastSigned guardBefore = guard.load().orElseThrow();
    assertThat(guardBefore.step()).isEqualTo(Step.PRECOMMIT);

    InMemoryWal disk = wal.afterCrash(Integer.MAX_VALUE); // everything reached the disk
    int logged = disk.records().size();
    ConsensusEngine restarted = engine(self, disk, guard);
    List<Effect> replayed = restarted.replay(disk.records());
    ConsensusState after = restarted.state();
    assertThat(after.toString()).isEqualTo(before.toString());
    assertThat(after.lockedValue()).contains(A);
    assertThat(after.votes().powerFor(0, VoteType.PRECOMMIT, A)).isEqualTo(1);
    assertThat(guard.load()).contains(guardBefore);
    // Our prevote and precommit come out again, with the very same signatures, for re-gossip.
    assertThat(replayed).contains(prevoted.get(0));
    assertThat(replayed)
        .contains(new BroadcastVote(F.precommit(self, 1, 0, A)))
        .noneMatch(x -> x instanceof Effect.ValidateBlock)
        .noneMatch(x -> x instanceof Effect.RoundChanged);
    assertThat(disk.records()).hasSize(logged); // replay appends nothing
  }

  @Test
  void restartAfterLosingTheWalTailNeverSignsAConflictingVote() {
    InMemoryWal wal = new InMemoryWal();
    InMemorySignGuard guard = new InMemorySignGuard();
    int self = AlgorithmRulesTest.firstNotIn(p0);
    ConsensusEngine e = engine(self, wal, guard);
    e.handle(F.start(1));
    e.handle(F.proposalIn(1, 0, A, -1));
    e.handle(new Input.BlockValidated(1, A, true)); // prevote A signed and stored

    // Crash with only the first record on disk (the guard is durable on its own).
    ConsensusEngine restarted = engine(self, new InMemoryWal(), guard);
    restarted.replay(List.of(F.start(1)));
    // Round 0 again, without the proposal: the propose timeout would make it prevote nil.
    List<Effect> out = restarted.handle(new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 1, 0));
    assertThat(out).noneMatch(x -> x instanceof BroadcastVote);
    assertThat(guard.load().orElseThrow().round()).isZero();
    // It keeps working in later rounds.
    restarted.handle(new Input.TimeoutElapsed(TimeoutKind.PRECOMMIT, 1, 0));
    List<Effect> next = restarted.handle(new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 1, 1));
    assertThat(next).containsExactly(new BroadcastVote(F.prevote(self, 1, 1, null)));
  }

  @Test
  void inputsBufferedForTheNextHeightAreLoggedAgainAfterItsStart() {
    InMemoryWal wal = new InMemoryWal();
    InMemorySignGuard guard = new InMemorySignGuard();
    int self = AlgorithmRulesTest.firstNotIn(p0, F.proposer(2, 0));
    ConsensusEngine e = engine(self, wal, guard);
    e.handle(F.start(1));
    Input early = F.proposalIn(2, 0, A, -1); // height 2's proposal arrives while at height 1
    e.handle(early);
    assertThat(e.state().bufferedForNextHeight()).containsExactly(early);

    e.handle(F.start(2));
    int segmentStart = wal.records().lastIndexOf(F.start(2));
    List<Input> segment = wal.records().subList(segmentStart, wal.records().size());
    assertThat(segment).containsExactly(F.start(2), early);

    // Lock on A at height 2, then restart from height 2's records alone: the lock survives.
    e.handle(new Input.BlockValidated(2, A, true));
    for (int i : AlgorithmRulesTest.othersThan(self)) {
      e.handle(F.prevoteIn(i, 2, 0, A));
    }
    assertThat(e.state().lockedValue()).contains(A);
    List<Input> height2 = wal.records().subList(segmentStart, wal.records().size());
    ConsensusEngine restarted = engine(self, new InMemoryWal(), guard);
    restarted.replay(height2);
    assertThat(restarted.state().lockedValue()).contains(A);
    assertThat(restarted.state().toString()).isEqualTo(e.state().toString());
  }

  @Test
  void followerEngineNeverSigns() {
    ConsensusEngine e =
        new ConsensusEngine(
            ConsensusState.initial(ConsensusParams.DEFAULT, null),
            Fixture.CHAIN,
            null,
            VERIFY,
            WalPort.NONE,
            new InMemorySignGuard());
    e.handle(F.start(1));
    assertThat(e.handle(new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 1, 0))).isEmpty();
  }
}
