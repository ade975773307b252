package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Clock;

class BlockWorkGateTest {
  static final Duration PATIENCE = Duration.ofSeconds(30);

  /** A waiter on a thread of its own: one held by a failed test keeps no pool thread. */
  static CompletableFuture<Void> onItsOwnThread(Runnable r) {
    return CompletableFuture.runAsync(r, task -> Thread.ofPlatform().daemon().start(task));
  }

  @Test
  void withoutBlockWorkNothingWaits() {
    BlockWorkGate gate = new BlockWorkGate(60_000, Clock.SYSTEM);
    gate.awaitQuiet(); // would wait a minute if it held
    assertThat(gate.heldSeconds()).isZero();
  }

  @Test
  void aWaiterIsHeldUntilTheBlockWorkCompletes() {
    BlockWorkGate gate = new BlockWorkGate(60_000, Clock.SYSTEM);
    CompletableFuture<String> validation = new CompletableFuture<>();
    CompletableFuture<String> during = gate.during(() -> validation);
    assertThat(gate.running()).isEqualTo(1);
    CompletableFuture<Void> waiter = onItsOwnThread(gate::awaitQuiet);
    Awaitility.await().atMost(PATIENCE).until(() -> gate.waiting() == 1);
    assertThat(waiter).isNotDone();

    validation.complete("valid");
    waiter.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(during.join()).isEqualTo("valid");
    assertThat(gate.running()).isZero();
    assertThat(gate.heldSeconds()).isPositive();
  }

  @Test
  void aWaiterGoesOnAtAQuietMomentEvenIfTheNextBlockStartsRightAfter() {
    BlockWorkGate gate = new BlockWorkGate(600_000, Clock.SYSTEM); // the cap cannot be what ends it
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> stored = gate.during(() -> first);
    CompletableFuture<Void> waiter = onItsOwnThread(gate::awaitQuiet);
    Awaitility.await().atMost(PATIENCE).until(() -> gate.waiting() == 1);

    // Storing blocks back to back, as block sync does: the next begins as soon as the last ended.
    stored.thenRun(() -> gate.during(CompletableFuture::new));
    first.complete(null);

    waiter.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(gate.running()).as("the next block's work is under way").isEqualTo(1);
  }

  @Test
  void shuttingAHeldBackPoolDownEndsAHeldWait() throws Exception {
    BlockWorkGate gate = new BlockWorkGate(600_000, Clock.SYSTEM);
    HeldBackPool pool = new HeldBackPool(1, 1, gate, Thread.ofPlatform().daemon().factory());
    gate.during(CompletableFuture::new);
    pool.execute(() -> {});
    Awaitility.await().atMost(PATIENCE).until(() -> gate.waiting() == 1);
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void nestedWorkReleasesOnlyWhenTheLastEnds() {
    BlockWorkGate gate = new BlockWorkGate(60_000, Clock.SYSTEM);
    CompletableFuture<Void> outer = new CompletableFuture<>();
    CompletableFuture<Void> inner = new CompletableFuture<>();
    gate.during(() -> outer);
    gate.during(() -> inner);
    outer.complete(null);
    assertThat(gate.running()).isEqualTo(1);
    inner.completeExceptionally(new IllegalStateException("invalid block"));
    assertThat(gate.running()).isZero();
  }

  @Test
  void aWaiterGoesOnAfterTheLongestHoldEvenIfTheWorkDoesNotEnd() {
    BlockWorkGate gate = new BlockWorkGate(20, Clock.SYSTEM);
    gate.during(CompletableFuture::new); // never completes
    onItsOwnThread(gate::awaitQuiet).orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
    assertThat(gate.running()).isEqualTo(1);
    assertThat(gate.heldSeconds()).isGreaterThanOrEqualTo(0.02);
  }

  @Test
  void workThatFailsToStartEndsAtOnce() {
    BlockWorkGate gate = new BlockWorkGate(60_000, Clock.SYSTEM);
    assertThatThrownBy(
            () ->
                gate.during(
                    () -> {
                      throw new RejectedExecutionException("pool closed");
                    }))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(gate.running()).isZero();
    assertThatThrownBy(gate::end).hasMessageContaining("ended more often than it began");
  }

  @Test
  void aHeldBackPoolStartsNoTaskWhileABlockIsWorkedOn() throws Exception {
    BlockWorkGate gate = new BlockWorkGate(60_000, Clock.SYSTEM);
    HeldBackPool pool = new HeldBackPool(1, 2, gate, Thread.ofPlatform().daemon().factory());
    try {
      CompletableFuture<Void> block = new CompletableFuture<>();
      gate.during(() -> block);
      AtomicBoolean ran = new AtomicBoolean();
      pool.execute(() -> ran.set(true));
      Awaitility.await().atMost(PATIENCE).until(() -> gate.waiting() == 1);
      assertThat(ran).isFalse();

      block.complete(null);
      Awaitility.await().atMost(PATIENCE).untilTrue(ran);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aHeldBackPoolRefusesTasksBeyondItsQueue() {
    BlockWorkGate gate = new BlockWorkGate(60_000, Clock.SYSTEM);
    HeldBackPool pool = new HeldBackPool(1, 1, gate, Thread.ofPlatform().daemon().factory());
    try {
      gate.during(CompletableFuture::new);
      pool.execute(() -> {}); // taken by the thread, held at the gate
      Awaitility.await().atMost(PATIENCE).until(() -> gate.waiting() == 1);
      pool.execute(() -> {}); // queued
      assertThatThrownBy(() -> pool.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aNegativeHoldIsRefused() {
    assertThatThrownBy(() -> new BlockWorkGate(-1, Clock.SYSTEM))
        .hasMessageContaining("maxHoldMillis");
  }
}
