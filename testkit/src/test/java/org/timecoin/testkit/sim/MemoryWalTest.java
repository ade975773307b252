package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.TimeoutKind;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;

class MemoryWalTest {
  private final VirtualClock clock = new VirtualClock();
  private final MemoryWal wal = new MemoryWal(clock, Duration.ofMillis(50));
  private static final ValidatorSet VALIDATORS = oneValidator();
  private final Input start = new Input.StartHeight(3, VALIDATORS);

  private static ValidatorSet oneValidator() {
    PublicKey key = PublicKey.of(new byte[32]);
    return new ValidatorSet(List.of(new Validator(key, 1, Tier.FREE, Address.fromPublicKey(key))));
  }

  private static Input timeout(int round) {
    return new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 3, round);
  }

  @BeforeEach
  void open() {
    wal.recover(1);
  }

  @Test
  void aNewHeightStartsANewSegment() {
    wal.append(new Input.StartHeight(2, VALIDATORS), true);
    wal.append(timeout(0), false);
    wal.append(start, false);
    wal.append(timeout(1), false);
    assertThat(wal.inputs()).containsExactly(start, timeout(1));
    assertThat(wal.appended()).isEqualTo(4);
  }

  @Test
  void aCrashLosesOnlyWhatFollowsTheLastSync() {
    wal.append(start, false);
    wal.append(timeout(0), false);
    wal.append(timeout(1), true);
    wal.append(timeout(2), false);
    wal.append(timeout(3), false);
    assertThat(wal.loseUnsyncedTail()).isEqualTo(2);
    assertThat(wal.inputs()).containsExactly(start, timeout(0), timeout(1));
    assertThat(wal.loseUnsyncedTail()).isZero();
  }

  @Test
  void withoutAnySyncTheWholeSegmentCanBeLost() {
    wal.append(start, false);
    wal.append(timeout(0), false);
    wal.loseUnsyncedTail();
    assertThat(wal.isEmpty()).isTrue();
  }

  @Test
  void recoversTheSegmentOfItsHeightWithItsBlocks() {
    SyntheticBlock block = SyntheticBlock.build(3, 0, 1, 0, true);
    wal.append(start, false);
    wal.appendBlock(block);
    wal.append(timeout(0), true);
    var recovered = wal.recover(3);
    assertThat(recovered.inputs()).containsExactly(start, timeout(0));
    assertThat(recovered.blocks()).containsExactly(block);
    assertThat(wal.recover(4).inputs()).as("another height starts afresh").isEmpty();
  }

  @Test
  void groupCommitSyncsOnlyOnceTheIntervalHasPassed() {
    wal.append(start, true);
    wal.append(timeout(0), false);
    assertThat(wal.groupCommit()).as("still pending").isTrue();
    clock.advance(Duration.ofMillis(50));
    assertThat(wal.groupCommit()).isFalse();
    assertThat(wal.loseUnsyncedTail()).isZero();
  }

  @Test
  void aClosedLogIgnoresWhatADeadLoopStillAppends() {
    wal.append(start, true);
    wal.close();
    wal.append(timeout(0), true);
    assertThat(wal.inputs()).containsExactly(start);
  }
}
