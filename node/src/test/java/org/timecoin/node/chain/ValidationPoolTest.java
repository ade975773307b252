package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ValidationPoolTest {
  @Test
  void waitingForegroundWorkRunsBeforeBackgroundWorkQueuedEarlier() throws Exception {
    ValidationPool pool = new ValidationPool(1, Executors.defaultThreadFactory());
    try {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(5);
      List<String> ran = new CopyOnWriteArrayList<>();
      pool.execute(
          () -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      for (String name : List.of("b1", "b2")) {
        pool.background().execute(() -> record(ran, name, done));
      }
      pool.execute(() -> record(ran, "f1", done));
      pool.background().execute(() -> record(ran, "b3", done));
      pool.submit(() -> record(ran, "f2", done));
      release.countDown();
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).containsExactly("f1", "f2", "b1", "b2", "b3");
    } finally {
      pool.shutdownNow();
    }
  }

  private static void record(List<String> ran, String name, CountDownLatch done) {
    ran.add(name);
    done.countDown();
  }
}
