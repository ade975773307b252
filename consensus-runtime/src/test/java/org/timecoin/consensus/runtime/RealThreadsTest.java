package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

/** The default executors: one owner thread, a validation pool, a real scheduler. */
class RealThreadsTest {
  @TempDir(factory = FastTempDirs.class)
  Path dir;

  @Test
  void singleValidatorFinalizesOnItsOwnerThread() {
    TestChain chain = new TestChain(1);
    List<String> finalizerThreads = new CopyOnWriteArrayList<>();
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("test-timers").daemon(true).factory());
    Scheduler scheduler =
        (delay, task) -> {
          ScheduledFuture<?> f = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
          return () -> f.cancel(false);
        };
    ConsensusRuntime runtime =
        ConsensusRuntime.builder()
            .config(
                ConsensusConfig.DEFAULT.withBlockIntervals(
                    Duration.ofMillis(10), Duration.ofMinutes(10)))
            .chainId(chain.chainId)
            .signer(new LocalKeySigner(chain.keys.getFirst()))
            .dataDir(dir)
            .startHeight(1)
            .validatorSets(h -> chain.validators)
            .gossip(
                new Gossip() {
                  @Override
                  public void broadcastProposal(Proposal proposal, Block block) {}

                  @Override
                  public void broadcastVote(Vote vote) {}
                })
            .blockProducer(
                new BlockProducer() {
                  @Override
                  public CompletionStage<Block> produce(long height, int round) {
                    return CompletableFuture.supplyAsync(
                        () -> chain.block(height, round, 0, Hash32.ZERO, height));
                  }

                  @Override
                  public boolean hasPendingTransactions() {
                    return true;
                  }
                })
            .blockValidator((height, block) -> CompletableFuture.completedFuture(true))
            .finalizer(
                (Block block, CommitCertificate cert) -> {
                  finalizerThreads.add(Thread.currentThread().getName());
                  return CompletableFuture.completedFuture(null);
                })
            .clock(Clock.SYSTEM)
            .scheduler(scheduler)
            .build();
    try {
      runtime.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> runtime.status().lastDecidedHeight() >= 3);
      assertThat(finalizerThreads).isNotEmpty().allMatch("consensus-owner"::equals);
      assertThat(runtime.failure()).isNotDone();
    } finally {
      runtime.close();
      timers.shutdownNow();
    }
  }
}
