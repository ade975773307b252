package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Transaction;

/** A larger block through the parallel path, with one bad signature at a seeded position. */
class ParallelSignatureCheckTest {
  static final int USERS = 120;
  static final ChainFixture F = new ChainFixture(USERS);
  static final List<Transaction> SPENDS = new ArrayList<>();
  static ExecutorService pool;

  @BeforeAll
  static void setUp() {
    pool = Executors.newFixedThreadPool(3);
    for (int i = 0; i < USERS; i++) {
      SPENDS.add(F.validSpend(i));
    }
  }

  @AfterAll
  static void stopPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest(name = "parallelism={0}")
  @ValueSource(ints = {1, 2, 3, 7})
  void validBlockPassesAndEveryTxIsCached(int parallelism) {
    SignatureCache cache = new SignatureCache(10_000);
    Block block = F.block(SPENDS);
    ValidationResult r =
        new BlockValidator(pool, parallelism, cache)
            .validate(block, F.context(), F.view(), ChainFixture.FAKE_STATE_ROOT)
            .join();
    assertThat(r.isValid()).as(r.toString()).isTrue();
    for (Transaction tx : SPENDS) {
      assertThat(cache.isVerified(tx.txid())).isTrue();
    }
    ValidationResult warm =
        new BlockValidator(pool, parallelism, cache)
            .validate(block, F.context(), F.view(), ChainFixture.FAKE_STATE_ROOT)
            .join();
    assertThat(warm.isValid()).isTrue();
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void oneBadSignatureAnywhereIsFound(long seed) {
    int bad = new Random(seed).nextInt(USERS);
    List<Transaction> txs = new ArrayList<>(SPENDS);
    Transaction t = txs.get(bad);
    byte[] sig = t.inputs().get(0).signature();
    sig[3] ^= 1;
    txs.set(bad, t.withInputs(List.of(t.inputs().get(0).withSignature(sig))));
    ValidationResult r =
        new BlockValidator(pool, 3, new SignatureCache(10_000))
            .validate(F.block(txs), F.context(), F.view(), ChainFixture.FAKE_STATE_ROOT)
            .join();
    assertThat(r.rejection()).as("seed %d: %s", seed, r).isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(r.txIndex()).as("seed %d", seed).isEqualTo(bad + 1); // after the coinbase
  }

  @Test
  void countsTheBlockTransactionsFoundVerifiedAndThoseCheckedWithTheBlock() {
    SignatureCache cache = new SignatureCache(10_000);
    SPENDS.subList(0, 30).forEach(tx -> cache.markVerified(tx.txid()));

    ValidationResult r =
        new ParallelSignatureCheck(pool, 2, cache)
            .verify(F.chainId, SPENDS, new AtomicBoolean())
            .join();

    assertThat(r.isValid()).isTrue();
    assertThat(cache.blockTxsCached()).isEqualTo(30);
    assertThat(cache.blockTxsChecked()).isEqualTo(SPENDS.size() - 30);
  }

  @Test
  void abortStopsWithoutVerifying() {
    SignatureCache cache = new SignatureCache(10_000);
    AtomicBoolean abort = new AtomicBoolean(true);
    ValidationResult r =
        new ParallelSignatureCheck(pool, 2, cache).verify(F.chainId, SPENDS, abort).join();
    assertThat(r.isValid()).isTrue();
    assertThat(cache.size()).isZero();
  }

  @Test
  void closedPoolFailsTheFuture() {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    var future =
        new ParallelSignatureCheck(closed, 2, new SignatureCache(10))
            .verify(F.chainId, SPENDS, new AtomicBoolean());
    assertThat(future).isCompletedExceptionally();
  }

  /** The batches shrink towards the end so the runners finish together, and cover every tx once. */
  @ParameterizedTest(name = "count={0}")
  @ValueSource(ints = {1, 3, 4, 9, 100, 1000, 5000})
  void batchesShrinkToTheMinimumAndCoverEveryTransaction(int count) {
    int parallelism = 2;
    int maxBatch = Math.max(1, (count + 31) / 32);
    List<Integer> sizes = new ArrayList<>();
    for (int done = 0; done < count; ) {
      int size = ParallelSignatureCheck.nextBatch(count - done, maxBatch, parallelism);
      assertThat(size).as("count %d after %d", count, done).isBetween(1, count - done);
      sizes.add(size);
      done += size;
    }
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    for (int i = 1; i < sizes.size(); i++) {
      assertThat(sizes.get(i))
          .as("count %d batch %d", count, i)
          .isLessThanOrEqualTo(sizes.get(i - 1));
    }
    int last = sizes.get(sizes.size() - 1);
    assertThat(last).isLessThanOrEqualTo(ParallelSignatureCheck.MIN_BATCH);
    if (count >= 1000) {
      assertThat(sizes.get(0)).isEqualTo(maxBatch);
      // The tail is made of small batches: no runner is left with a full one at the end.
      assertThat(sizes.get(sizes.size() - 2)).isLessThanOrEqualTo(ParallelSignatureCheck.MIN_BATCH);
    }
  }
}
