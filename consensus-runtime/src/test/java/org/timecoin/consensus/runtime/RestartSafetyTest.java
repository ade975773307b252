package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.domain.block.VoteType.PRECOMMIT;
import static org.timecoin.domain.block.VoteType.PREVOTE;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.LastSigned;
import org.timecoin.consensus.Step;
import org.timecoin.consensus.runtime.wal.FileWal;
import org.timecoin.consensus.runtime.wal.LastSignedStore;
import org.timecoin.consensus.runtime.wal.WalCorruptedException;
import org.timecoin.domain.block.Block;

/** Crash and restart of one validator: its WAL and sign guard keep it from signing twice. */
class RestartSafetyTest {
  @TempDir(factory = FastTempDirs.class)
  Path dir;

  private final TestChain chain = new TestChain(4);
  private final int self = chain.nonProposerIndex(1);
  private final int proposer = chain.proposerIndex(1, 0);

  private SingleRuntimeFixture fixture() {
    return new SingleRuntimeFixture(chain, self, dir);
  }

  @Test
  void replayRestoresTheLockAndResendsTheSameVotes() {
    SingleRuntimeFixture before = fixture();
    before.start(1);
    Block x = before.block(1, 0, proposer);
    before.deliverProposal(proposer, x, -1);
    for (int v = 0; v < 4; v++) {
      if (v != self && v != proposer) {
        before.runtime.submitVote(chain.vote(v, PREVOTE, 1, 0, x.hash()));
      }
    }
    before.settle();
    assertThat(before.runtime.status().lockedRound()).isZero();
    assertThat(before.sentVotes(PRECOMMIT, 1, 0)).singleElement();
    before.runtime.close();

    SingleRuntimeFixture after = fixture();
    after.start(1);
    ConsensusStatus status = after.runtime.status();
    assertThat(status.height()).isEqualTo(1);
    assertThat(status.step()).isEqualTo(Step.PRECOMMIT);
    assertThat(status.lockedRound()).isZero();
    assertThat(status.lockedValue()).isEqualTo(x.hash());
    // Our own prevote and precommit go out again, byte for byte the same.
    assertThat(after.sentVotes).containsExactlyInAnyOrderElementsOf(before.sentVotes);
    after.runtime.close();
  }

  @Test
  void ownVoteIsOnDiskInTheWalAndTheSignGuardBeforeGossipSeesIt() {
    SingleRuntimeFixture f = fixture();
    List<String> checked = new ArrayList<>();
    f.onVoteSend =
        vote -> {
          // Read the files as a restarted process would.
          try (FileWal copy =
              new FileWal(
                  dir.resolve("wal"),
                  Clock.SYSTEM,
                  Duration.ofDays(1),
                  new SimpleMeterRegistry())) {
            assertThat(copy.recover(vote.height()).inputs()).contains(new Input.VoteReceived(vote));
          }
          LastSigned last = new LastSignedStore(dir.resolve("last-signed")).load().orElseThrow();
          assertThat(last.height()).isEqualTo(vote.height());
          assertThat(last.round()).isEqualTo(vote.round());
          assertThat(last.step()).isEqualTo(Step.PREVOTE);
          checked.add("ok");
        };
    f.start(1);
    f.deliverProposal(proposer, f.block(1, 0, proposer), -1);
    assertThat(checked).containsExactly("ok");
    assertThat(f.runtime.failure()).isNotDone();
    f.runtime.close();
  }

  @Test
  void killedBetweenWalWriteAndSendResendsThatVoteAfterRestart() {
    SingleRuntimeFixture before = fixture();
    before.failNextVoteSend = new IllegalStateException("killed before the prevote left");
    before.start(1);
    Block x = before.block(1, 0, proposer);
    before.deliverProposal(proposer, x, -1);
    assertThat(before.runtime.failure()).isCompleted();
    assertThat(before.runtime.status().halted()).isTrue();
    assertThat(before.sentVotes).isEmpty();
    assertThat(new LastSignedStore(dir.resolve("last-signed")).load())
        .hasValueSatisfying(last -> assertThat(last.step()).isEqualTo(Step.PREVOTE))
        .map(LastSigned::height)
        .hasValue(1L);
    before.runtime.close();

    SingleRuntimeFixture after = fixture();
    after.start(1);
    assertThat(after.sentVotes(PREVOTE, 1, 0))
        .singleElement()
        .satisfies(v -> assertThat(v.value()).isEqualTo(x.hash()));
    // The proposer equivocates: a second block for the same round gets no vote from us.
    Block y = chain.block(1, 0, proposer, x.hash(), 77);
    after.deliverProposal(proposer, y, -1);
    assertThat(after.sentVotes(PREVOTE, 1, 0)).hasSize(1);
    after.runtime.close();
  }

  @Test
  void lostWalStillNeverSignsAConflictingVoteBecauseOfTheSignGuard() throws IOException {
    SingleRuntimeFixture before = fixture();
    before.start(1);
    Block x = before.block(1, 0, proposer);
    before.deliverProposal(proposer, x, -1);
    assertThat(before.sentVotes(PREVOTE, 1, 0)).singleElement();
    before.runtime.close();
    deleteTree(dir.resolve("wal")); // the WAL is gone, the guard survives

    SingleRuntimeFixture after = fixture();
    after.start(1);
    Block y = chain.block(1, 0, proposer, x.hash(), 77);
    after.deliverProposal(proposer, y, -1);
    assertThat(after.sentVotes(PREVOTE, 1, 0)).as("no second prevote in round 0").isEmpty();
    after.runtime.close();
  }

  @Test
  void corruptionInTheMiddleOfTheWalRefusesToStart() throws IOException {
    SingleRuntimeFixture before = fixture();
    before.start(1);
    before.deliverProposal(proposer, before.block(1, 0, proposer), -1);
    before.runtime.close();
    Path segment;
    try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
      segment = files.findFirst().orElseThrow();
    }
    try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
      raf.seek(12); // inside the payload of the first record
      raf.write(raf.readByte() ^ 0x01);
    }

    SingleRuntimeFixture after = fixture();
    ConsensusRuntime runtime = after.builder(1).build();
    assertThatThrownBy(runtime::start)
        .isInstanceOf(WalCorruptedException.class)
        .hasMessageContaining(segment.toString())
        .hasMessageContaining("offset 0");
    runtime.close();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
