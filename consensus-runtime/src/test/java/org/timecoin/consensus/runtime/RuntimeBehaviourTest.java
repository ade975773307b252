package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.domain.block.VoteType.PREVOTE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.Step;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;

class RuntimeBehaviourTest {
  @TempDir(factory = FastTempDirs.class)
  Path dir;

  private final TestChain four = new TestChain(4);

  @Test
  void peerMessagesAreDroppedWhenTheirShareOfTheQueueIsFullButLocalWorkIsNot() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, four.nonProposerIndex(1), dir);
    f.config = ConsensusConfig.DEFAULT;
    f.config =
        new ConsensusConfig(
            f.config.timeoutPropose(),
            f.config.timeoutPrevote(),
            f.config.timeoutPrecommit(),
            f.config.timeoutDelta(),
            f.config.maxRoundTimeout(),
            f.config.blockInterval(),
            f.config.emptyBlockInterval(),
            2,
            f.config.walGroupCommitInterval(),
            f.config.maxRoundsAhead());
    Queue<Runnable> ownerTasks = new ArrayDeque<>();
    ConsensusRuntime runtime =
        f.builder(1).ownerExecutor(ownerTasks::add).validationPool(Runnable::run).build();
    runtime.start();
    int other = (f.self + 1) % 4;
    Vote vote = four.vote(other, PREVOTE, 1, 0, null);
    assertThat(runtime.submitVote(vote)).isTrue();
    assertThat(runtime.submitVote(four.vote((f.self + 2) % 4, PREVOTE, 1, 0, null))).isTrue();
    assertThat(runtime.submitVote(four.vote((f.self + 3) % 4, PREVOTE, 1, 0, null))).isFalse();
    int queued = runtime.queuedEvents();
    runtime.caughtUp(0); // local work is queued even when peers' share is full
    assertThat(runtime.queuedEvents()).isEqualTo(queued + 1);
    assertThat(f.registry.get("consensus.network_inputs_dropped").counter().count()).isEqualTo(1);

    while (!ownerTasks.isEmpty()) {
      ownerTasks.poll().run();
    }
    assertThat(runtime.queuedEvents()).isZero();
    assertThat(runtime.status().droppedNetworkInputs()).isEqualTo(1);
    assertThat(runtime.submitVote(four.vote((f.self + 3) % 4, PREVOTE, 1, 0, null)))
        .as("slots are free again once the owner took the messages")
        .isTrue();
    runtime.close();
  }

  @Test
  void admissionsTellTheOwnerOnlyWhenThePacerIdlesAndThenOnce() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(new TestChain(1), 0, dir);
    f.transactionsPending = false;
    f.start(1);
    assertThat(f.finalized).hasSize(1);
    for (int i = 0; i < 100; i++) {
      f.runtime.transactionsAvailable(); // within block_interval: its timer will ask the mempool
    }
    assertThat(f.runtime.queuedEvents()).isZero();
    f.advance(Duration.ofSeconds(5));
    assertThat(f.finalized).as("idle: nothing waits").hasSize(1);
    for (int i = 0; i < 100; i++) {
      f.runtime.transactionsAvailable();
    }
    assertThat(f.runtime.queuedEvents()).as("one notice for a hundred admissions").isEqualTo(1);
    f.transactionsPending = true;
    f.settle();
    assertThat(f.finalized).hasSize(2);
    f.runtime.close();
  }

  @Test
  void badSignatureIsRefusedBeforeTheQueueAndReported() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, four.nonProposerIndex(1), dir);
    f.start(1);
    Vote good = four.vote((f.self + 1) % 4, PREVOTE, 1, 0, null);
    byte[] sig = good.signature();
    sig[0] ^= 1;
    Vote forged = new Vote(good.type(), 1, 0, null, good.validator(), sig);
    assertThat(f.runtime.submitVote(forged)).isTrue();
    f.settle();
    assertThat(f.rejections).containsExactly(RejectReason.BAD_SIGNATURE);
    assertThat(
            f.registry.get("consensus.rejected").tag("reason", "bad_signature").counter().count())
        .isEqualTo(1);
    f.runtime.close();
  }

  @Test
  void proposalWhoseBlockIsNotTheProposedOneIsRefused() {
    int proposer = four.proposerIndex(1, 0);
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, four.nonProposerIndex(1), dir);
    f.start(1);
    Block proposed = f.block(1, 0, proposer);
    Block other = four.block(1, 0, proposer, proposed.hash(), 5);
    f.runtime.submitProposal(four.proposal(proposer, 1, 0, proposed.hash(), -1), other);
    f.runtime.submitProposal(four.proposal(proposer, 1, 0, proposed.hash(), -1), null);
    f.settle();
    assertThat(f.rejections).containsExactly(RejectReason.MALFORMED, RejectReason.MALFORMED);
    assertThat(f.sentVotes).isEmpty();
    f.runtime.close();
  }

  @Test
  void equivocatingVoterIsCountedAndReported() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, four.nonProposerIndex(1), dir);
    f.start(1);
    int liar = (f.self + 1) % 4;
    f.runtime.submitVote(four.vote(liar, PREVOTE, 1, 0, null));
    f.runtime.submitVote(four.vote(liar, PREVOTE, 1, 0, f.block(1, 0, liar).hash()));
    f.settle();
    assertThat(f.evidence).singleElement();
    assertThat(f.runtime.status().equivocations()).isEqualTo(1);
    assertThat(f.runtime.status().recentEvidence()).isEqualTo(f.evidence);
    assertThat(f.registry.get("consensus.equivocations").counter().count()).isEqualTo(1);
    f.runtime.close();
  }

  @Test
  void withoutTransactionsTheNextHeightWaitsForTheEmptyBlockInterval() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(new TestChain(1), 0, dir);
    f.transactionsPending = false;
    f.start(1);
    assertThat(f.finalized).hasSize(1);
    f.advance(Duration.ofMinutes(5));
    assertThat(f.runtime.status().height()).isEqualTo(1);
    assertThat(f.runtime.status().step()).isEqualTo(Step.COMMIT);

    f.transactionsPending = true;
    f.runtime.transactionsAvailable();
    f.settle();
    assertThat(f.finalized).hasSize(2);

    f.transactionsPending = false;
    f.advance(Duration.ofMinutes(9));
    assertThat(f.finalized).hasSize(2);
    f.advance(Duration.ofMinutes(1));
    assertThat(f.finalized).as("an empty block after 10 minutes").hasSize(3);
    f.runtime.close();
  }

  @Test
  void transactionsDoNotStartAHeightBeforeTheBlockInterval() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(new TestChain(1), 0, dir);
    f.start(1);
    assertThat(f.finalized).hasSize(1);
    f.runtime.transactionsAvailable();
    f.advance(Duration.ofMillis(999));
    assertThat(f.finalized).hasSize(1);
    f.advance(Duration.ofMillis(1));
    assertThat(f.finalized).hasSize(2);
    f.runtime.close();
  }

  @Test
  void caughtUpLeavesTheObsoleteHeightAndDropsItsWal() throws Exception {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, four.nonProposerIndex(1), dir);
    f.start(1);
    f.runtime.caughtUp(5);
    f.settle();
    assertThat(f.runtime.status().height()).isEqualTo(6);
    try (Stream<Path> segments = Files.list(dir.resolve("wal"))) {
      assertThat(segments.map(p -> p.getFileName().toString()))
          .containsExactly(String.format("wal-%020d.seg", 6));
    }
    f.runtime.caughtUp(3); // behind us: nothing to do
    f.settle();
    assertThat(f.runtime.status().height()).isEqualTo(6);
    f.runtime.close();
  }

  @Test
  void caughtUpToOurOwnStoredDecisionKeepsTheBlockInterval() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(new TestChain(1), 0, dir);
    f.start(1);
    assertThat(f.finalized).hasSize(1);
    f.runtime.caughtUp(1);
    f.settle();
    assertThat(f.runtime.status().height()).isEqualTo(1);
    f.advance(Duration.ofSeconds(1));
    assertThat(f.finalized).hasSize(2);
    f.runtime.close();
  }

  @Test
  void statusShowsTheProposerAndRoundChanges() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, four.nonProposerIndex(1), dir);
    try (ConsensusRuntime unstarted = f.builder(1).build()) {
      assertThat(unstarted.status().step()).isEqualTo(Step.NEW_HEIGHT);
    }
    f.start(1);
    ConsensusStatus s = f.runtime.status();
    assertThat(s.height()).isEqualTo(1);
    assertThat(s.round()).isZero();
    assertThat(s.step()).isEqualTo(Step.PROPOSE);
    assertThat(s.validator()).isTrue();
    assertThat(s.proposer()).isEqualTo(four.keys.get(four.proposerIndex(1, 0)).publicKey());
    assertThat(s.halted()).isFalse();
    // Others' round-1 prevotes (more than 1/3 of the power) make us skip to round 1.
    for (int v : Arrays.asList((f.self + 1) % 4, (f.self + 2) % 4)) {
      f.runtime.submitVote(four.vote(v, PREVOTE, 1, 1, null));
    }
    f.settle();
    assertThat(f.runtime.status().round()).isEqualTo(1);
    assertThat(f.runtime.status().totalRoundChanges()).isEqualTo(1);
    assertThat(f.registry.get("consensus.round").gauge().value()).isEqualTo(1.0);
    assertThat(f.registry.get("consensus.height").gauge().value()).isEqualTo(1.0);
    assertThat(
            f.registry.get("consensus.round_changes").tag("cause", "round_skip").counter().count())
        .isEqualTo(1);
    f.runtime.close();
  }

  @Test
  void receivedInputsAreGroupCommittedOnceTheLoopGoesQuiet() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, four.nonProposerIndex(1), dir);
    f.start(1);
    f.runtime.submitVote(four.vote((f.self + 1) % 4, PREVOTE, 1, 0, null));
    f.runtime.submitVote(four.vote((f.self + 2) % 4, PREVOTE, 1, 0, null));
    f.settle();
    assertThat(f.registry.get("consensus.wal_fsync").timer().count()).isZero();
    f.advance(f.config.walGroupCommitInterval());
    assertThat(f.registry.get("consensus.wal_fsync").timer().count())
        .as("one fsync for the start and both votes")
        .isEqualTo(1);
    f.advance(Duration.ofMillis(500));
    assertThat(f.registry.get("consensus.wal_fsync").timer().count()).isEqualTo(1);
    f.runtime.close();
  }

  @Test
  void builderRefusesAMissingStartHeightOrPort() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, 0, dir);
    assertThatThrownBy(() -> f.builder(0).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.builder(1).gossip(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("gossip");
    assertThatThrownBy(() -> f.builder(1).scheduler(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("scheduler");
    assertThatThrownBy(() -> f.builder(1).dataDir(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("dataDir");
  }

  @Test
  void startTwiceIsRefused() {
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, 0, dir);
    f.start(1);
    assertThatThrownBy(f.runtime::start).isInstanceOf(IllegalStateException.class);
    f.runtime.close();
  }
}
