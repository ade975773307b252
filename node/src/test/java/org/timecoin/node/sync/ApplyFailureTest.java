package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.storage.StorageException;

class ApplyFailureTest {
  final SyncFixture f = new SyncFixture();

  @AfterEach
  void close() {
    f.close();
  }

  Block block(int height) {
    return f.chain.get(height - 1).block();
  }

  @Test
  void aStorageErrorHoweverWrappedIsFatalAndNamesTheHeight() {
    var error =
        new CompletionException(
            new IllegalStateException(
                new StorageException(
                    StorageException.Kind.DISK_FULL, Path.of("/data"), "disk full under /data")));
    assertThat(ApplyFailure.fatalCause(f.target.chain, block(1), error))
        .hasValueSatisfying(
            m -> assertThat(m).contains("block 1:").contains("disk full under /data"));
  }

  @Test
  void aRejectionOfACertifiedBlockAboveTheTipIsFatal() {
    assertThat(
            ApplyFailure.fatalCause(
                f.target.chain, block(1), new IllegalStateException("state root mismatch")))
        .hasValueSatisfying(
            m -> assertThat(m).contains("certified block 1").contains("state root mismatch"));
  }

  @Test
  void theSameBlockStoredMeanwhileByConsensusIsNoFault() {
    // the source chain holds blocks 1..5: as if consensus had stored block 3 first
    assertThat(
            ApplyFailure.fatalCause(
                f.source.chain, block(3), new IllegalStateException("does not follow the tip")))
        .isEmpty();
  }

  @Test
  void anotherBlockStoredAtTheHeightIsFatal() {
    Block three = block(3);
    Block other =
        new Block(three.header().withStateRoot(Hash32.ZERO), three.lastCommit(), three.txs());
    assertThat(
            ApplyFailure.fatalCause(
                f.source.chain, other, new IllegalStateException("does not follow the tip")))
        .hasValueSatisfying(m -> assertThat(m).contains("two blocks were finalized"));
  }
}
