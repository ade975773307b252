package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;

class FinalityWatchTest {
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final FinalityWatch watch = new FinalityWatch(timer);

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
            0);
    return new Block(h, List.of(tx));
  }

  @Test
  void aStoredBlockCompletesItsWaiters() {
    Transaction tx =
        new Transaction(1, List.of(), List.of(new TxOut(1, Address.ofPayload(new byte[20]))), 1, 0);
    CompletableFuture<Boolean> a = watch.await(tx.txid(), Duration.ofMinutes(1));
    CompletableFuture<Boolean> b = watch.await(tx.txid(), Duration.ofMinutes(1));
    watch.onBlockStored(blockWith(tx), null);
    assertThat(a).isCompletedWithValue(true);
    assertThat(b).isCompletedWithValue(true);
  }

  @Test
  void aWaiterNotServedInTimeGetsFalse() {
    CompletableFuture<Boolean> f = watch.await(Hash32.ZERO, Duration.ofMillis(10));
    assertThat(f.join()).isFalse();
  }
}
