package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Transaction;

class TxValidatorTest {
  static final ChainFixture F = new ChainFixture(4);
  static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void validTransactionReturnsItsFeeAndIsCachedForTheBlock() {
    SignatureCache cache = new SignatureCache(100);
    Transaction tx = F.validSpend(0);
    ValidationResult r =
        new TxValidator(pool, cache).validate(tx, F.chainId, F.params, F.view()).join();
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.fee()).isEqualTo(F.feesOf(List.of(tx)));
    assertThat(cache.isVerified(tx.txid())).isTrue();

    Block block = F.block(List.of(tx));
    long missesBefore = cache.missCount();
    ValidationResult b =
        new BlockValidator(pool, 2, cache)
            .validate(block, F.context(), F.view(), ChainFixture.FAKE_STATE_ROOT)
            .join();
    assertThat(b.isValid()).as(b.toString()).isTrue();
    assertThat(cache.missCount()).isEqualTo(missesBefore); // the block found it in the cache
  }

  @Test
  void rejectionsComeFromEachStage() {
    SignatureCache cache = new SignatureCache(100);
    TxValidator v = new TxValidator(pool, cache);
    Transaction tx = F.validSpend(1);
    Transaction noInputs = new Transaction(1, List.of(), tx.outputs(), 0, 0);
    assertThat(v.validate(noInputs, F.chainId, F.params, F.view()).join().rejection())
        .isEqualTo(Rejection.NO_INPUTS);
    MapUtxoView spentView = new MapUtxoView(Map.of(), Set.of(F.utxo(1).outPoint()));
    assertThat(v.validate(tx, F.chainId, F.params, spentView).join().rejection())
        .isEqualTo(Rejection.ALREADY_SPENT);
    assertThat(v.validate(tx, F.chainId, F.params, MapUtxoView.of(List.of())).join().rejection())
        .isEqualTo(Rejection.UNKNOWN_INPUT);
    assertThat(
            v.validate(tx, Sha256.hash("other".getBytes()), F.params, F.view()).join().rejection())
        .isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(cache.isVerified(tx.txid())).isFalse();
  }
}
