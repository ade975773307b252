package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.consensus.ExecutorScheduler;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.node.production.MempoolBlockProducer;

/**
 * 500,000 finality waiters against a real chain: all beyond the bound are refused at once, and
 * blocks keep being produced, validated and stored while the accepted ones time out together.
 */
class FinalityWaiterStormTest {
  final TestChain t = new TestChain(10);
  final ExecutorScheduler timer = new ExecutorScheduler("finality-watch-test");
  final FinalityWatch watch = new FinalityWatch(timer.executor(), 10_000, 1_000);
  final Mempool mempool =
      new Mempool(
          t.genesis.chainId(),
          t.genesis.params(),
          t.chain.utxoView(),
          t.signatures,
          t.pool,
          MempoolPolicy.of(100, 1_000_000),
          tx -> {},
          Clock.SYSTEM);
  final MempoolBlockProducer producer =
      new MempoolBlockProducer(
          t.chain,
          mempool,
          t.validatorKeys.get(0).publicKey(),
          2_000_000,
          1000,
          Clock.SYSTEM,
          t.pool);

  @AfterEach
  void close() {
    timer.close();
    t.close();
  }

  void storeBlock() throws Exception {
    Block b =
        producer.produce(t.chain.height() + 1, 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(t.chain.validate(b).get(30, TimeUnit.SECONDS).isValid()).isTrue();
    t.chain.store(b, t.certify(b)).get(30, TimeUnit.SECONDS);
  }

  static Hash32 txid(int i) {
    byte[] id = new byte[32];
    id[0] = (byte) i;
    id[1] = (byte) (i >> 8);
    id[2] = 1;
    return Hash32.of(id);
  }

  @Test
  void halfAMillionWaitersAreBoundedAndBlocksKeepBeingStored() throws Exception {
    t.chain.addListener(watch);
    t.chain.addListener((block, cert) -> mempool.onBlockCommitted(block));
    Utxo u = t.genesis.genesisUtxos().get(0);
    Transaction tx =
        new TxBuilder()
            .input(u.outPoint(), t.faucet)
            .output(990_000, Address.fromPublicKey(t.validatorKeys.get(1).publicKey()))
            .sign(t.genesis.chainId());
    List<CompletableFuture<Boolean>> onTx = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      onTx.add(watch.await(tx.txid(), Duration.ofMinutes(5)));
    }
    assertThat(watch.await(tx.txid(), Duration.ofMinutes(5))).isCompletedExceptionally();

    List<CompletableFuture<Boolean>> expiring = new ArrayList<>();
    for (int i = 0; i < 9_000; i++) {
      expiring.add(watch.await(txid(i % 1000), Duration.ofSeconds(5)));
    }
    assertThat(expiring).noneMatch(CompletableFuture::isDone);
    assertThat(watch.waiters()).isEqualTo(10_000);
    int refused = 0;
    for (int i = 0; i < 490_000; i++) {
      if (watch.await(txid(1000 + i % 5000), Duration.ofSeconds(5)).isCompletedExceptionally()) {
        refused++;
      }
    }
    assertThat(refused).isEqualTo(490_000);

    // Blocks are produced and stored while the 9,000 waiters time out together.
    assertThat(mempool.submit(tx).join().admitted()).isTrue();
    storeBlock();
    for (CompletableFuture<Boolean> f : onTx) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              storeBlock();
              return expiring.stream().allMatch(CompletableFuture::isDone);
            });
    for (CompletableFuture<Boolean> f : expiring) {
      assertThat(f.join()).isFalse();
    }
    assertThat(t.chain.height()).isGreaterThanOrEqualTo(2);
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.waiters() == 0);
    // the room freed is usable again
    assertThat(watch.await(Hash32.ZERO, Duration.ofMinutes(1))).isNotDone();
  }
}
