package org.timecoin.consensus.runtime.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.LastSigned;
import org.timecoin.consensus.Step;
import org.timecoin.consensus.TimeoutKind;
import org.timecoin.consensus.runtime.ConsensusLog;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;

class FileWalTest {
  @TempDir Path dir;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final KeyPair key = KeyPair.fromSeed(new byte[32]);
  private final ValidatorSet validators =
      new ValidatorSet(
          List.of(
              new Validator(
                  key.publicKey(), 1, Tier.FREE, Address.fromPublicKey(key.publicKey()))));

  private FileWal open() {
    return new FileWal(dir.resolve("wal"), Clock.SYSTEM, Duration.ofMillis(50), registry);
  }

  private Block block(long height) {
    return new Block(
        new BlockHeader(
            1,
            Hash32.ZERO,
            height,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            5,
            key.publicKey(),
            0,
            Hash32.ZERO,
            LastCommit.empty().hash()),
        LastCommit.empty(),
        List.of());
  }

  @Test
  void startHeightOpensItsSegmentAndRecoveryReturnsInputsAndBlocksOfThatHeight() {
    Input start2 = new Input.StartHeight(2, validators);
    Input timeout = new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 2, 0);
    try (FileWal wal = open()) {
      wal.recover(1);
      wal.append(new Input.StartHeight(1, validators), false);
      wal.append(start2, false);
      assertThat(wal.currentHeight()).isEqualTo(2);
      wal.appendBlock(block(2));
      wal.append(timeout, true);
    }
    try (FileWal wal = open()) {
      ConsensusLog.Recovered<Block> recovered = wal.recover(2);
      assertThat(recovered.inputs()).containsExactly(start2, timeout);
      assertThat(recovered.blocks()).containsExactly(block(2));
      assertThat(wal.recover(1).inputs()).hasSize(1);
    }
  }

  @Test
  void aHeightStartedAfreshDropsWhatAnEarlierRunLeftInItsSegment() {
    Input start5 = new Input.StartHeight(5, validators);
    try (FileWal wal = open()) {
      wal.recover(5);
      wal.append(start5, false);
      wal.append(new Input.TimeoutElapsed(TimeoutKind.PROPOSE, 5, 0), false);
    }
    try (FileWal wal = open()) {
      wal.recover(4);
      wal.append(new Input.StartHeight(4, validators), false);
      wal.append(start5, true);
    }
    try (FileWal wal = open()) {
      assertThat(wal.recover(5).inputs()).containsExactly(start5);
    }
  }

  @Test
  void pruneBelowDropsSegmentsOfStoredHeights() throws IOException {
    try (FileWal wal = open()) {
      wal.recover(1);
      for (long h = 1; h <= 3; h++) {
        wal.append(new Input.StartHeight(h, validators), false);
      }
      wal.pruneBelow(3);
    }
    try (var files = Files.list(dir.resolve("wal"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(String.format("wal-%020d.seg", 3));
    }
  }

  @Test
  void checksummedRecordThatDoesNotDecodeIsReportedNotSkipped() throws IOException {
    HeightSegmentLog raw =
        new HeightSegmentLog(dir.resolve("wal"), Clock.SYSTEM, Duration.ZERO, registry);
    raw.openHeight(4);
    raw.append(new byte[] {9, 9, 9});
    raw.close();
    try (FileWal wal = open()) {
      assertThatThrownBy(() -> wal.recover(4))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("record 0 does not decode");
    }
  }

  @Test
  void lastSignedStoreKeepsTheLatestRecord() {
    LastSignedStore store = new LastSignedStore(dir.resolve("last-signed"));
    assertThat(store.load()).isEmpty();
    LastSigned a = new LastSigned(7, 2, Step.PREVOTE, Hash32.ZERO);
    LastSigned b = new LastSigned(7, 2, Step.PRECOMMIT, Hash32.fromHex("11".repeat(32)));
    store.store(a);
    store.store(b);
    assertThat(new LastSignedStore(dir.resolve("last-signed")).load()).isEqualTo(Optional.of(b));
  }

  @Test
  void lastSignedRecordWithAnUnknownStepIsRefused() {
    AtomicRecordFile file = new AtomicRecordFile(dir.resolve("last-signed"));
    byte[] payload = new byte[8 + 4 + 1 + 32];
    payload[12] = 42;
    file.write(payload);
    assertThatThrownBy(() -> new LastSignedStore(dir.resolve("last-signed")).load())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown step");
  }
}
