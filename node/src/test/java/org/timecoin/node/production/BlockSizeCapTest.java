package org.timecoin.node.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.chain.TestChain;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.MempoolPolicy;

class BlockSizeCapTest {
  final TestChain t = new TestChain(120);
  final Mempool mempool =
      new Mempool(
          t.genesis.chainId(),
          t.genesis.params(),
          t.chain.utxoView(),
          t.signatures,
          t.pool,
          MempoolPolicy.of(1_000, 1 << 24),
          tx -> {},
          org.timecoin.common.time.Clock.SYSTEM);

  @AfterEach
  void close() {
    t.close();
  }

  MempoolBlockProducer producer(Duration budget) {
    return new MempoolBlockProducer(
        t.chain,
        mempool,
        t.validatorKeys.get(0).publicKey(),
        2_000_000,
        5_000,
        Clock.SYSTEM,
        t.pool,
        budget,
        java.time.Duration.ZERO);
  }

  /** Validates a block of 120 transfers, so the chain has measured its validation time. */
  void validateOneBlock() {
    for (Utxo u : t.genesis.genesisUtxos()) {
      Transaction tx =
          new TxBuilder()
              .input(u.outPoint(), t.faucet)
              .output(990_000, Address.fromPublicKey(t.validatorKeys.get(1).publicKey()))
              .sign(t.genesis.chainId());
      assertThat(mempool.submit(tx).join().admitted()).isTrue();
    }
    Block b = producer(null).produce(1, 0).toCompletableFuture().join();
    assertThat(b.txs()).hasSize(121);
    assertThat(t.chain.validate(b).join().isValid()).isTrue();
  }

  @Test
  void beforeAnyValidationTheConfiguredMaximumHolds() {
    assertThat(t.chain.validationNanosPerTx()).isZero();
    assertThat(producer(Duration.ofMillis(500)).txLimit()).isEqualTo(5_000);
  }

  @Test
  void aBudgetTooSmallForTheMeasuredValidationRateCapsTheBlock() {
    validateOneBlock();
    assertThat(t.chain.validationNanosPerTx()).isPositive();
    assertThat(producer(Duration.ofNanos(1)).txLimit()).isEqualTo(MempoolBlockProducer.MIN_TXS);
  }

  @Test
  void aGenerousBudgetOrNoBudgetKeepsTheConfiguredMaximum() {
    validateOneBlock();
    assertThat(producer(Duration.ofDays(1)).txLimit()).isEqualTo(5_000);
    assertThat(producer(null).txLimit()).isEqualTo(5_000);
  }
}
