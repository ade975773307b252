package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.Issuance;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.domain.validation.ValidationResult;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.node.production.MempoolBlockProducer;

class ProduceAndStoreTest {
  final TestChain t = new TestChain(10);
  final List<Transaction> gossiped = new ArrayList<>();
  final Mempool mempool = mempoolOn(Clock.SYSTEM);
  final MempoolBlockProducer producer =
      new MempoolBlockProducer(
          t.chain,
          mempool,
          t.validatorKeys.get(0).publicKey(),
          2_000_000,
          1000,
          Clock.SYSTEM,
          t.pool);

  Mempool mempoolOn(Clock clock) {
    return new Mempool(
        t.genesis.chainId(),
        t.genesis.params(),
        t.chain.utxoView(),
        t.signatures,
        t.pool,
        MempoolPolicy.of(100, 1_000_000),
        gossiped::add,
        clock);
  }

  @AfterEach
  void close() {
    t.close();
  }

  Transaction spendGenesis(int index, long amount) {
    Utxo u = t.genesis.genesisUtxos().get(index);
    return new TxBuilder()
        .input(u.outPoint(), t.faucet)
        .output(amount, Address.fromPublicKey(t.validatorKeys.get(1).publicKey()))
        .sign(t.genesis.chainId());
  }

  @Test
  void emptyBlockHasOnlyTheCoinbasePayingTheReward() {
    assertThat(producer.hasPendingTransactions()).isFalse();
    Block b = producer.produce(1, 0).toCompletableFuture().join();
    assertThat(b.txs()).hasSize(1);
    assertThat(b.txs().get(0).isCoinbase()).isTrue();
    assertThat(b.txs().get(0).totalOutput()).isEqualTo(rewardOf(b));
    assertThat(b.header().prevHash()).isEqualTo(t.chain.tipHash());
    assertThat(b.lastCommit()).isEqualTo(LastCommit.empty());
  }

  /** The issuance of {@code b}, paid for the chain time since its parent (the tip). */
  long rewardOf(Block b) {
    return Issuance.reward(
        t.genesis.params(), t.chain.tipHeader().timestamp(), b.header().timestamp());
  }

  @Test
  void theNextBlockCarriesTheStoredCertificateOfItsParentAndTheNextSetsHash() {
    Block one = producer.produce(1, 0).toCompletableFuture().join();
    CommitCertificate certificate = t.certify(one);
    t.chain.store(one, certificate).join();
    Block two = producer.produce(2, 0).toCompletableFuture().join();
    assertThat(two.lastCommit()).isEqualTo(LastCommit.of(certificate));
    assertThat(two.header().lastCommitHash()).isEqualTo(LastCommit.of(certificate).hash());
    assertThat(two.header().nextValidatorsHash()).isEqualTo(t.genesis.validatorSet().hash());
    assertThat(two.header().timestamp()).isGreaterThan(one.header().timestamp());
    assertThat(two.txs().get(0).totalOutput()).isEqualTo(rewardOf(two));
    ValidationResult r = t.chain.validate(two).join();
    assertThat(r.isValid()).as(r.toString()).isTrue();
  }

  @Test
  void producedBlockWithMempoolTransactionsValidatesStoresAndEvicts() {
    Transaction a = spendGenesis(0, 990_000);
    Transaction b = spendGenesis(1, 980_000);
    assertThat(mempool.submit(a).join().admitted()).isTrue();
    assertThat(mempool.submit(b).join().admitted()).isTrue();
    assertThat(producer.hasPendingTransactions()).isTrue();
    t.chain.addListener((block, cert) -> mempool.onBlockCommitted(block));

    Block block = producer.produce(1, 0).toCompletableFuture().join();
    assertThat(block.txs()).containsSequence(b, a); // best fee rate first, after the coinbase
    assertThat(block.txs().get(0).totalOutput()).isEqualTo(rewardOf(block) + 30_000);

    ValidationResult r = t.chain.validate(block).join();
    assertThat(r.isValid()).as(r.toString()).isTrue();
    t.chain.store(block, t.certify(block)).join();

    assertThat(t.chain.height()).isEqualTo(1);
    assertThat(t.chain.store().tip().orElseThrow().stateRoot())
        .isEqualTo(block.header().stateRoot());
    assertThat(t.chain.store().recomputeStateRoot()).isEqualTo(block.header().stateRoot());
    assertThat(mempool.isEmpty()).isTrue();
    var again = mempool.submit(a).join();
    assertThat(again.code()).isEqualTo(org.timecoin.node.mempool.AdmitResult.ALREADY_KNOWN);
    assertThat(again.detail()).contains("already in a block");
  }

  /** Keeps both threads of the test pool busy until the latch is counted down. */
  java.util.concurrent.CountDownLatch occupyPool() {
    java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
    for (int i = 0; i < 2; i++) {
      t.pool.execute(
          () -> {
            try {
              hold.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
    return hold;
  }

  @Test
  void validatingABlockIsBlockWorkUntilItsResultIsKnown() {
    assertThat(mempool.submit(spendGenesis(0, 990_000)).join().admitted()).isTrue();
    Block block = producer.produce(1, 0).toCompletableFuture().join();
    var hold = occupyPool();
    java.util.concurrent.CompletableFuture<ValidationResult> validation;
    try {
      validation = t.chain.validate(block);
      assertThat(t.chain.blockWork().running()).isEqualTo(1);
      assertThat(validation).isNotDone();
    } finally {
      hold.countDown();
    }
    assertThat(validation.join().isValid()).isTrue();
    assertThat(t.chain.blockWork().running()).isZero();
  }

  @Test
  void buildingAProposalIsBlockWorkUntilItIsBuilt() {
    var hold = occupyPool();
    java.util.concurrent.CompletableFuture<Block> proposal;
    try {
      proposal = producer.produce(1, 0).toCompletableFuture();
      assertThat(t.chain.blockWork().running()).isEqualTo(1);
      assertThat(proposal).isNotDone();
    } finally {
      hold.countDown();
    }
    assertThat(proposal.join().height()).isEqualTo(1);
    assertThat(t.chain.blockWork().running()).isZero();
  }

  @Test
  void storingABlockIsBlockWorkUntilItsListenersWereTold() {
    List<Integer> runningDuringListener = new ArrayList<>();
    t.chain.addListener((b, c) -> runningDuringListener.add(t.chain.blockWork().running()));
    Block one = producer.produce(1, 0).toCompletableFuture().join();
    t.chain.store(one, t.certify(one)).join();
    assertThat(runningDuringListener).containsExactly(1);
    assertThat(t.chain.blockWork().running()).isZero();
  }

  @Test
  void blocksAheadOfTheTipHaveTheirLastCommitVerifiedInTheBackground() {
    Block one = producer.produce(1, 0).toCompletableFuture().join();
    CommitCertificate certificate = t.certify(one);
    t.chain.store(one, certificate).join();
    Block two = producer.produce(2, 0).toCompletableFuture().join();
    TestChain syncing = new TestChain(10);
    try {
      Hash32 key = SignatureCache.certificateKey(certificate);
      assertThat(syncing.signatures.isVerified(key)).isFalse();
      syncing.chain.preverifySignatures(List.of(one, two));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> syncing.signatures.isVerified(key));
    } finally {
      syncing.close();
    }
  }

  @Test
  void aBlockFromAnotherChainOrHeightIsInvalid() {
    Block b = producer.produce(1, 0).toCompletableFuture().join();
    t.chain.store(b, t.certify(b)).join();
    assertThat(t.chain.validate(b).join().rejection()).isNotNull();
    assertThatThrownBy(() -> producer.produce(5, 0).toCompletableFuture().join())
        .hasMessageContaining("tip is 1");
  }

  @Test
  void blockNotValidatedHereIsValidatedBeforeStoring() {
    Block b = producer.produce(1, 0).toCompletableFuture().join();
    TestChain other = new TestChain(10);
    try {
      other.chain.store(b, other.certify(b)).join();
      assertThat(other.chain.height()).isEqualTo(1);
    } finally {
      other.close();
    }
  }

  @Test
  void aRootMismatchFromAStoreThatMovedOnDuringValidationIsNotCountedAgainstTheBlock() {
    org.timecoin.domain.block.BlockHeader genesis = t.chain.tipHeader();
    Block first = producer.produce(1, 0).toCompletableFuture().join();
    Block rival = producer.produce(1, 1).toCompletableFuture().join();
    ValidationResult mismatch =
        ValidationResult.reject(
            org.timecoin.domain.validation.Rejection.BAD_STATE_ROOT, "computed on another state");
    assertThat(t.chain.movedOn(first, genesis, mismatch))
        .as("the store is still at the parent: the mismatch stands")
        .isSameAs(mismatch);

    t.chain.store(first, t.certify(first)).join();
    assertThat(t.chain.movedOn(first, genesis, mismatch).isValid())
        .as("the block itself was finalized meanwhile")
        .isTrue();
    ValidationResult overtaken = t.chain.movedOn(rival, genesis, mismatch);
    assertThat(overtaken.rejection())
        .isEqualTo(org.timecoin.domain.validation.Rejection.BAD_HEIGHT);
    assertThat(overtaken.detail()).contains("overtaken");
    ValidationResult spent =
        ValidationResult.reject(org.timecoin.domain.validation.Rejection.ALREADY_SPENT, "gone");
    assertThat(t.chain.movedOn(first, genesis, spent).isValid())
        .as("its inputs were read after it was stored")
        .isTrue();
    ValidationResult valid = ValidationResult.ok();
    assertThat(t.chain.movedOn(rival, genesis, valid)).isSameAs(valid);
  }

  @Test
  void transactionsCountAsPendingOnlyOnceTheyWaitedTheSettleTime() {
    org.timecoin.common.time.VirtualClock time = new org.timecoin.common.time.VirtualClock();
    Mempool settling = mempoolOn(time);
    MempoolBlockProducer patient =
        new MempoolBlockProducer(
            t.chain,
            settling,
            t.validatorKeys.get(0).publicKey(),
            2_000_000,
            1000,
            time,
            t.pool,
            null,
            java.time.Duration.ofMillis(200));
    assertThat(settling.submit(spendGenesis(0, 990_000)).join().admitted()).isTrue();
    assertThat(patient.hasPendingTransactions()).as("just admitted").isFalse();
    assertThat(patient.produce(1, 0).toCompletableFuture().join().txs()).hasSize(1);
    time.advance(java.time.Duration.ofMillis(200));
    assertThat(patient.hasPendingTransactions()).isTrue();
    assertThat(patient.produce(1, 0).toCompletableFuture().join().txs()).hasSize(2);
  }
}
