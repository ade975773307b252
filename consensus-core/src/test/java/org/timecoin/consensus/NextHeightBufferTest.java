package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;

/** The next-height buffer's bounds, and the inputs the engine keeps out of the WAL. */
class NextHeightBufferTest {
  static final Fixture F = AlgorithmRulesTest.F;
  static final int S = AlgorithmRulesTest.S;
  static final int[] O = AlgorithmRulesTest.O;
  static final Hash32 A = Fixture.value("A");

  Script started() {
    return Script.of(F, S).feed(F.start(1));
  }

  long countOf(ConsensusState s, int signer) {
    return s.bufferedForNextHeight().stream()
        .filter(
            in -> in instanceof Input.VoteReceived v && v.vote().validator().equals(F.pk(signer)))
        .count();
  }

  @Test
  void oneSignerGetsABoundedShareInCountAndBytes() {
    Script s = started();
    for (int r = 0; r < 300; r++) {
      s.feed(F.prevoteIn(O[0], 2, r, A));
    }
    ConsensusState st = s.state();
    assertThat(countOf(st, O[0])).isLessThanOrEqualTo(NextHeightBuffer.MAX_PER_SIGNER).isPositive();
    assertThat(NextHeightBuffer.bytesOf(st.bufferedForNextHeight(), F.pk(O[0])))
        .isLessThanOrEqualTo(NextHeightBuffer.MAX_BYTES_PER_SIGNER);

    s.feed(F.prevoteIn(O[1], 2, 0, A));
    assertThat(countOf(s.state(), O[1])).isEqualTo(1);
  }

  @Test
  void theCountBoundHoldsWhenTheBytesAllowMore() {
    int fitByBytes = NextHeightBuffer.MAX_BYTES_PER_SIGNER / NextHeightBuffer.VOTE_BYTES;
    int kept = Math.min(fitByBytes, NextHeightBuffer.MAX_PER_SIGNER);
    Script s = started();
    for (int r = 0; r < kept + 10; r++) {
      s.feed(F.prevoteIn(O[0], 2, r, A));
    }
    assertThat(countOf(s.state(), O[0])).isEqualTo(kept);
  }

  @Test
  void anExactDuplicateIsBufferedOnce() {
    Input v = F.prevoteIn(O[0], 2, 0, A);
    Script s = started().feed(v, v, v);
    assertThat(s.state().bufferedForNextHeight()).containsExactly(v);
  }

  @Test
  void roundsBeyondTheLookAheadAreNotBuffered() {
    int ahead = ConsensusParams.DEFAULT.maxRoundsAhead();
    Script s = started().feed(F.prevoteIn(O[0], 2, ahead + 1, A));
    assertThat(s.state().bufferedForNextHeight()).isEmpty();
    s.feed(F.prevoteIn(O[0], 2, ahead, A));
    assertThat(s.state().bufferedForNextHeight()).hasSize(1);
  }

  @Test
  void changesIsFalseExactlyForInputsApplyIgnores() {
    ConsensusState s = started().feed(F.prevoteIn(O[0], 1, 0, A)).state();
    assertThat(ConsensusCore.changes(s, F.prevoteIn(O[0], 1, 0, A))).as("duplicate").isFalse();
    assertThat(ConsensusCore.changes(s, F.prevoteIn(O[1], 1, 0, A))).as("new vote").isTrue();
    assertThat(ConsensusCore.changes(s, F.prevoteIn(O[1], 0, 0, A))).as("old height").isFalse();
    assertThat(ConsensusCore.changes(s, F.prevoteIn(O[1], 3, 0, A))).as("far height").isFalse();
    assertThat(ConsensusCore.changes(s, F.prevoteIn(O[1], 2, 0, A))).as("next height").isTrue();
    int ahead = ConsensusParams.DEFAULT.maxRoundsAhead();
    assertThat(ConsensusCore.changes(s, F.prevoteIn(O[1], 1, ahead + 1, A))).isFalse();
    assertThat(ConsensusCore.changes(s, F.prevoteIn(O[1], 1, -1, A))).as("rejected").isTrue();
    Input p = F.proposalIn(1, 0, A, -1);
    ConsensusState withProposal = Script.of(F, S).feed(F.start(1), p).state();
    assertThat(ConsensusCore.changes(withProposal, p)).as("duplicate proposal").isFalse();
    assertThat(ConsensusCore.changes(s, p)).as("new proposal").isTrue();
    assertThat(ConsensusCore.changes(s, F.start(2))).isTrue();
  }

  @Test
  void inputsThatChangeNothingNeverReachTheWal() {
    InMemoryWal wal = new InMemoryWal();
    ConsensusEngine e =
        new ConsensusEngine(
            ConsensusState.initial(ConsensusParams.DEFAULT, F.pk(S)),
            Fixture.CHAIN,
            F.signer(S),
            MessageVerifier.ed25519(Fixture.CHAIN),
            wal,
            new InMemorySignGuard());
    e.handle(F.start(5));
    Input vote = F.prevoteIn(O[0], 5, 0, A);
    e.handle(vote);
    int logged = wal.records().size();
    for (int i = 0; i < 100; i++) {
      e.handle(vote); // replay
      e.handle(F.prevoteIn(O[0], 4, 0, A)); // old height
      e.handle(F.prevoteIn(O[0], 9_999, 0, A)); // far future
    }
    assertThat(wal.records()).hasSize(logged);
    assertThat(wal.records()).containsOnlyOnce(vote);
    List<Input> all = wal.records();
    assertThat(all.getLast()).isEqualTo(vote);
  }
}
