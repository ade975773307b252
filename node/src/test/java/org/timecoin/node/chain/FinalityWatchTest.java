package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;

class FinalityWatchTest {
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final FinalityWatch watch = new FinalityWatch(timer, 100, 10);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  static Block blockWith(Transaction tx) {
    BlockHeader h =
        new BlockHeader(
            1,
            Hash32.ZERO,
            1,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            0,
            PublicKey.of(new byte[32]),
            0,
            Hash32.ZERO,
            LastCommit.empty().hash());
    return new Block(h, LastCommit.empty(), List.of(tx));
  }

  @Test
  void aStoredBlockCompletesItsWaiters() {
    Transaction tx =
        new Transaction(1, List.of(), List.of(new TxOut(1, Address.ofPayload(new byte[20]))), 1, 0);
    CompletableFuture<Boolean> a = watch.await(tx.txid(), Duration.ofMinutes(1));
    CompletableFuture<Boolean> b = watch.await(tx.txid(), Duration.ofMinutes(1));
    watch.onBlockStored(blockWith(tx), null);
    assertThat(a.join()).isTrue();
    assertThat(b.join()).isTrue();
    assertThat(watch.waiters()).isZero();
  }

  @Test
  void aWaiterNotServedInTimeGetsFalse() {
    CompletableFuture<Boolean> f = watch.await(Hash32.ZERO, Duration.ofMillis(10));
    assertThat(f.join()).isFalse();
    await().until(() -> watch.waiters() == 0);
  }

  @Test
  void waitersAreBoundedPerTransactionAndInAll() {
    for (int i = 0; i < 10; i++) {
      assertThat(watch.await(Hash32.ZERO, Duration.ofMinutes(1))).isNotDone();
    }
    assertThatThrownBy(() -> watch.await(Hash32.ZERO, Duration.ofMinutes(1)).join())
        .hasCauseInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("this transaction");
    for (int i = 1; i < 10; i++) {
      byte[] id = new byte[32];
      id[0] = (byte) i;
      for (int j = 0; j < 10; j++) {
        watch.await(Hash32.of(id), Duration.ofMinutes(1));
      }
    }
    assertThat(watch.waiters()).isEqualTo(100);
    byte[] other = new byte[32];
    other[0] = 99;
    assertThatThrownBy(() -> watch.await(Hash32.of(other), Duration.ofMinutes(1)).join())
        .hasCauseInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("too many transactions");
  }

  @Test
  void aWaiterCompletedByItsCallerLeavesTheWatch() {
    CompletableFuture<Boolean> f = watch.await(Hash32.ZERO, Duration.ofMinutes(1));
    f.complete(true); // the caller found the transaction already stored
    assertThat(watch.waiters()).isZero();
  }

  @Test
  void waitersCompleteOffTheThreadThatStoredTheBlock() {
    Transaction tx =
        new Transaction(1, List.of(), List.of(new TxOut(1, Address.ofPayload(new byte[20]))), 1, 0);
    Thread storing = Thread.currentThread();
    CompletableFuture<Thread> ranOn =
        watch.await(tx.txid(), Duration.ofMinutes(1)).thenApply(v -> Thread.currentThread());
    watch.onBlockStored(blockWith(tx), null);
    assertThat(ranOn.join()).isNotSameAs(storing);
  }
}
