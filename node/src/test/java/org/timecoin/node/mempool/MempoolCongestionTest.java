package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.SignatureCache;

/**
 * The congestion floor: once more transactions wait than the chain commits in the target wait, a
 * new one must outbid the one at that limit, and is refused before its signature is checked.
 */
class MempoolCongestionTest {
  final MapUtxoView view = new MapUtxoView();
  final VirtualClock clock = new VirtualClock();

  Mempool mempool(Duration targetWait) {
    return new Mempool(
        MempoolTest.CHAIN,
        ConsensusParams.defaults(),
        view,
        new SignatureCache(10_000),
        Runnable::run,
        new MempoolPolicy(100_000, 1L << 30, 1, targetWait),
        tx -> {},
        clock);
  }

  OutPoint coin(int n) {
    OutPoint p = new OutPoint(Sha256.hash(new byte[] {11, (byte) n, (byte) (n >> 8)}), 0);
    view.add(
        new Utxo(
            p,
            new TxOut(1_000_000, Address.fromPublicKey(MempoolTest.ALICE.publicKey())),
            0,
            false));
    return p;
  }

  /** Fills the backlog limit with transactions paying 10,000 units each. */
  void fill(Mempool m) {
    for (int i = 0; i < CongestionFloor.MIN_BACKLOG; i++) {
      assertThat(m.submit(MempoolTest.pay(coin(i), 990_000)).join().admitted()).isTrue();
    }
  }

  @Test
  void beyondTheBacklogLimitOnlyAHigherFeeRateIsAdmittedAndTheRestCostsNoSignatureCheck() {
    Mempool m = mempool(Duration.ofSeconds(1));
    fill(m);
    long checks = m.admissionCost().signatureChecks();
    AdmitResult same = m.submit(MempoolTest.pay(coin(9_000), 990_000)).join();
    assertThat(same.code()).isEqualTo(AdmitResult.CONGESTED);
    assertThat(same.detail()).contains("512 transactions wait").contains("1000 ms");
    assertThat(same.blamesSender()).isFalse();
    assertThat(m.admissionCost().signatureChecks()).isEqualTo(checks);

    AdmitResult higher = m.submit(MempoolTest.pay(coin(9_001), 980_000)).join();
    assertThat(higher.admitted()).as(higher.toString()).isTrue();
  }

  @Test
  void aTransactionAPeerRelaysIsNotHeldToTheFloorSinceThatPeerAdmittedItUnderItsOwn() {
    Mempool m = mempool(Duration.ofSeconds(1));
    fill(m);
    AdmitResult local = m.submit(MempoolTest.pay(coin(9_100), 990_000)).join();
    assertThat(local.code()).isEqualTo(AdmitResult.CONGESTED);
    AdmitResult relayed = m.submit(MempoolTest.pay(coin(9_101), 990_000), () -> true).join();
    assertThat(relayed.admitted()).as(relayed.toString()).isTrue();
  }

  @Test
  void withTheFloorOffTheBacklogIsBoundedOnlyByTheMempoolSize() {
    Mempool m = mempool(Duration.ZERO);
    fill(m);
    for (int i = 0; i < 100; i++) {
      assertThat(m.submit(MempoolTest.pay(coin(10_000 + i), 990_000)).join().admitted()).isTrue();
    }
  }

  @Test
  void admissionsUnderWayAreBoundedByTheBacklogLimitToo() {
    java.util.concurrent.CompletableFuture<java.util.Map<OutPoint, Utxo>> never =
        new java.util.concurrent.CompletableFuture<>();
    Mempool m =
        new Mempool(
            MempoolTest.CHAIN,
            ConsensusParams.defaults(),
            outPoints -> never,
            new SignatureCache(10),
            Runnable::run,
            new MempoolPolicy(100_000, 1L << 30, 1, Duration.ofSeconds(1)),
            tx -> {},
            clock);
    for (int i = 0; i < CongestionFloor.MIN_IN_FLIGHT; i++) {
      assertThat(m.submit(MempoolTest.pay(coin(i), 990_000))).isNotDone();
    }
    AdmitResult busy = m.submit(MempoolTest.pay(coin(600), 990_000)).join();
    assertThat(busy.code()).isEqualTo(AdmitResult.BUSY);
    assertThat(busy.detail()).startsWith(CongestionFloor.MIN_IN_FLIGHT + " transactions");
    assertThat(m.submit(MempoolTest.pay(coin(601), 990_000), () -> true))
        .as("a relayed one is held only to the hard limit")
        .isNotDone();
    never.complete(java.util.Map.of());
  }

  @Test
  void aTransactionThatWaitedLongerThanTheTargetGoesIntoTheNextBlockAheadOfHigherFees() {
    Mempool m = mempool(Duration.ofSeconds(1));
    Transaction cheap = MempoolTest.pay(coin(1), 990_000);
    assertThat(m.submit(cheap).join().admitted()).isTrue();
    clock.advance(Duration.ofMillis(1_001));
    List<Transaction> richer = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Transaction tx = MempoolTest.pay(coin(100 + i), 900_000);
      assertThat(m.submit(tx).join().admitted()).isTrue();
      richer.add(tx);
    }
    assertThat(m.selectForBlock(1 << 20, 2, Duration.ZERO)).containsExactly(cheap, richer.get(0));

    Mempool plain = mempool(Duration.ZERO);
    Transaction old = MempoolTest.pay(coin(200), 990_000);
    plain.submit(old).join();
    clock.advance(Duration.ofSeconds(5));
    Transaction rich = MempoolTest.pay(coin(201), 900_000);
    plain.submit(rich).join();
    assertThat(plain.selectForBlock(1 << 20, 1, Duration.ZERO)).containsExactly(rich);
  }

  static MempoolEntry entry(long fee, long seq) {
    return new MempoolEntry(
        MempoolTest.pay(new OutPoint(Sha256.hash(new byte[] {1}), 0), 1), fee, 200, seq, 0);
  }

  @Test
  void theLimitFollowsTheRateBlocksCommitAt() {
    CongestionFloor floor = new CongestionFloor(Duration.ofSeconds(1));
    TreeSet<MempoolEntry> none = new TreeSet<>();
    assertThat(floor.backlogLimit()).isEqualTo(CongestionFloor.MIN_BACKLOG);
    long t = 0;
    floor.blockCommitted(0, t, none);
    for (int i = 0; i < 30; i++) {
      t += Duration.ofSeconds(1).toNanos();
      floor.blockCommitted(3_000, t, none); // 3,000 transactions a second
    }
    assertThat(floor.backlogLimit()).isBetween(2_950, 3_000);
    for (int i = 0; i < 30; i++) {
      t += Duration.ofSeconds(1).toNanos();
      floor.blockCommitted(0, t, none); // idle again
    }
    assertThat(floor.backlogLimit()).isEqualTo(CongestionFloor.MIN_BACKLOG);
  }

  @Test
  void theBacklogIsHeldToWhatTheNextBlockCarriesWhateverTheChainsRate() {
    CongestionFloor floor = new CongestionFloor(Duration.ofSeconds(1));
    TreeSet<MempoolEntry> none = new TreeSet<>();
    long t = 0;
    floor.blockCommitted(0, t, none);
    for (int i = 0; i < 30; i++) {
      t += Duration.ofSeconds(1).toNanos();
      floor.blockCommitted(3_000, t, none);
    }
    int[] capacity = {450};
    floor.capAt(() -> capacity[0]);
    assertThat(floor.backlogLimit()).isEqualTo(450);
    capacity[0] = 10_000; // a faster validator: the chain's rate bounds it again
    assertThat(floor.backlogLimit()).isBetween(2_950, 3_000);
    capacity[0] = 0;
    assertThat(floor.backlogLimit()).isEqualTo(1);
  }

  @Test
  void aSubmissionBeyondTheNextBlocksCapacityIsRefusedAsCongested() {
    Mempool m = mempool(Duration.ofSeconds(1));
    m.capBacklogAt(() -> 128);
    for (int i = 0; i < 128; i++) {
      assertThat(m.submit(MempoolTest.pay(coin(i), 990_000)).join().admitted()).isTrue();
    }
    AdmitResult same = m.submit(MempoolTest.pay(coin(9_200), 990_000)).join();
    assertThat(same.code()).isEqualTo(AdmitResult.CONGESTED);
    assertThat(same.detail()).contains("128 transactions wait").contains("(128)");
    assertThat(m.backlogLimit()).isEqualTo(128);
  }

  @Test
  void admissionsUnderWayFollowWhatThisNodeAdmitsOwnAndRelayedInATenthOfTheTargetWait() {
    CongestionFloor floor = new CongestionFloor(Duration.ofSeconds(1));
    TreeSet<MempoolEntry> none = new TreeSet<>();
    long t = 0;
    floor.blockCommitted(0, t, none);
    for (int i = 0; i < 30; i++) {
      for (int j = 0; j < 2_000; j++) {
        floor.inserted(none); // 2,000 a second, submitted here and relayed
      }
      t += Duration.ofSeconds(1).toNanos();
      floor.blockCommitted(2_000, t, none);
    }
    assertThat(floor.admissionLimit(16_384)).isBetween(196, 200);
    assertThat(floor.admissionLimit(50)).isEqualTo(50);
    assertThat(new CongestionFloor(Duration.ZERO).admissionLimit(16_384)).isEqualTo(16_384);
  }

  @Test
  void theFloorIsTheFeeRateAtTheLimitAndFallsAwayWhenTheBacklogShrinks() {
    CongestionFloor floor = new CongestionFloor(Duration.ofSeconds(1));
    TreeSet<MempoolEntry> waiting = new TreeSet<>();
    List<MempoolEntry> all = new ArrayList<>();
    for (int i = 0; i < CongestionFloor.MIN_BACKLOG + 100; i++) {
      MempoolEntry e = entry(10_000 + i, i); // fee rates rise with i
      all.add(e);
      waiting.add(e);
    }
    floor.blockCommitted(0, 0, waiting);
    floor.inserted(waiting);
    // The 512th best pays 10,000 + 100 units for 200 bytes.
    assertThat(floor.refusal(10_100, 200)).isNotNull();
    assertThat(floor.refusal(10_101, 200)).isNull();
    all.subList(0, 200).forEach(waiting::remove);
    floor.blockCommitted(200, Duration.ofSeconds(1).toNanos(), waiting);
    assertThat(floor.refusal(1, 200)).isNull();
  }
}
