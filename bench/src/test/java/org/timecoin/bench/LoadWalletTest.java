package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.validation.MapUtxoView;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.domain.validation.TxValidator;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.node.wallet.FeeSchedule;

class LoadWalletTest {
  private final LoadKeys keys = LoadKeys.derive(7, 50);
  private final KeyPair validatorKey = KeyPair.fromSeed(new byte[32]);
  private final GenesisConfig genesis = genesisWith(200);

  private GenesisConfig genesisWith(int coins) {
    return new GenesisConfig(
        "load-test",
        Network.TESTNET,
        1_700_000_000_000L,
        List.of(
            new Validator(
                validatorKey.publicKey(),
                1,
                Tier.FREE,
                Address.fromPublicKey(validatorKey.publicKey()))),
        keys.genesisAllocations(coins, LoadFunding.COIN),
        ConsensusParams.defaults());
  }

  private LoadWallet wallet() {
    return walletOf(genesis, 200);
  }

  private LoadWallet walletOf(GenesisConfig g, int coins) {
    LoadWallet w =
        new LoadWallet(
            keys, g.chainId(), g.params(), MempoolPolicy.DEFAULT_MIN_FEE_RATE, new Random(3));
    assertThat(w.credit(g.genesisTransaction())).isEqualTo(coins);
    return w;
  }

  @Test
  void transfersHaveOneToFourInputsAndOneToThreeOutputsAndPassTransactionValidation()
      throws Exception {
    LoadWallet w = wallet();
    TxValidator validator = new TxValidator(Runnable::run, new SignatureCache(1_000));
    MapUtxoView view = MapUtxoView.of(genesis.genesisUtxos());
    Set<Integer> inputCounts = new HashSet<>();
    Set<Integer> outputCounts = new HashSet<>();
    Set<Integer> signers = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      Transaction tx = w.next().tx();
      inputCounts.add(tx.inputs().size());
      outputCounts.add(tx.outputs().size());
      tx.inputs().forEach(in -> signers.add(keys.indexOf(Address.fromPublicKey(in.pubKey()))));
      var result = validator.validate(tx, genesis.chainId(), genesis.params(), view).get();
      assertThat(result.isValid()).as("%s", result).isTrue();
      assertThat(tx.encodedSize()).isLessThanOrEqualTo(FeeSchedule.size(4, 3));
    }
    assertThat(inputCounts).containsExactlyInAnyOrder(1, 2, 3, 4);
    assertThat(outputCounts).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(signers).doesNotContain(-1).hasSizeGreaterThan(10);
  }

  @Test
  void everyCoinIsSpentOnceUntilItsTransferIsCredited() {
    LoadWallet w = wallet();
    Set<Object> spent = new HashSet<>();
    List<LoadWallet.Transfer> transfers = new ArrayList<>();
    LoadWallet.Transfer t;
    while ((t = w.next()) != null) {
      transfers.add(t);
      t.tx().inputs().forEach(in -> assertThat(spent.add(in.prev())).isTrue());
    }
    assertThat(spent).hasSize(200);
    assertThat(w.spendable()).isZero();

    w.credit(transfers.get(0).tx());

    assertThat(w.spendable()).isEqualTo(transfers.get(0).tx().outputs().size());
  }

  @Test
  void coinsNeitherWearDownToDustNorDwindleOverALongRun() {
    // Each coin spent about a hundred times, more than in any devnet run.
    LoadWallet w = walletOf(genesisWith(2_000), 2_000);
    Map<Integer, Integer> inputCounts = new TreeMap<>();
    Map<Integer, Integer> outputCounts = new TreeMap<>();
    int transfers = 100_000;
    for (int i = 0; i < transfers; i++) {
      LoadWallet.Draft d = w.draft();
      if (i % 3 == 0) {
        // Refused: its coins, and what it changed in the outputs owed, come back.
        w.restore(new LoadWallet.Transfer(null, d.inputs(), d.owedChange()));
        d = w.draft();
      }
      inputCounts.merge(d.inputs().size(), 1, Integer::sum);
      outputCounts.merge(d.outputs().size(), 1, Integer::sum);
      if (d.outputs().size() > 1) {
        assertThat(d.outputs()).allMatch(o -> o.amount() >= LoadWallet.MIN_SPLIT_OUTPUT);
      }
      byte[] id = new byte[32];
      java.nio.ByteBuffer.wrap(id).putInt(i);
      w.credit(Hash32.of(id), d.outputs()); // final at once: every coin goes round fast
    }
    assertThat(inputCounts.keySet()).containsExactly(1, 2, 3, 4);
    assertThat(outputCounts.keySet()).containsExactly(1, 2, 3);
    // Still the drawn shares: 4:3:2:1 inputs, uniform outputs, give or take what the floor moves.
    assertThat(inputCounts.get(1) / (double) transfers).isBetween(0.38, 0.42);
    assertThat(inputCounts.get(4) / (double) transfers).isBetween(0.09, 0.11);
    outputCounts.values().forEach(n -> assertThat(n / (double) transfers).isBetween(0.3, 0.37));
    // The count of coins wanders (a random walk, about ±400 after 100,000 transfers); no drift
    // drains or floods it.
    assertThat(w.spendable()).isBetween(1_000, 3_000);
  }

  @Test
  void restoredCoinsOfARefusedTransferAreSpentAgain() {
    LoadWallet w = wallet();
    LoadWallet.Transfer refused = w.next();
    int before = w.spendable();

    w.restore(refused);

    assertThat(w.spendable()).isEqualTo(before + refused.inputs().size());
    assertThat(w.next().tx().inputs().get(0).prev())
        .isEqualTo(refused.inputs().get(refused.inputs().size() - 1).outPoint());
  }

  @Test
  void aNodesRefusalIsCountedUnderItsRejectCode() {
    assertThat(LoadStats.reasonOf(-26, "conflict: input already spent")).isEqualTo("conflict");
    assertThat(LoadStats.reasonOf(-26, "mempool-full: 50000 transactions"))
        .isEqualTo("mempool-full");
    assertThat(LoadStats.reasonOf(-32603, "Internal error")).isEqualTo("rpc--32603");
    assertThat(LoadStats.reasonOf(-1, "Some Words: with a colon")).isEqualTo("rpc--1");
  }

  @Test
  void statsCountByReasonAndFinalityIsTheSampleOfCommitted() {
    LoadStats s = new LoadStats();
    s.countOffered(3);
    s.countAccepted();
    s.countRejected("conflict");
    s.countRejected("conflict");
    s.countCommitted(5_000_000);

    assertThat(s.offered()).isEqualTo(3);
    assertThat(s.rejectedTotal()).isEqualTo(2);
    assertThat(s.rejectedByReason()).containsEntry("conflict", 2L);
    assertThat(s.finality().count()).isEqualTo(1);
    assertThat(s.finality().maxMs()).isEqualTo(5.0);
  }

  @Test
  void keysAreDerivedFromTheSeedAndTheirCoinsDealtRound() {
    assertThat(LoadKeys.derive(7, 50).address(3)).isEqualTo(keys.address(3));
    assertThat(LoadKeys.derive(8, 50).address(3)).isNotEqualTo(keys.address(3));
    assertThat(keys.indexOf(keys.address(49))).isEqualTo(49);
    assertThat(keys.indexOf(Address.fromPublicKey(validatorKey.publicKey()))).isEqualTo(-1);
    var coins = keys.genesisAllocations(120, 5);
    assertThat(coins.stream().map(o -> o.address()).distinct().count()).isEqualTo(50);
    assertThatThrownBy(() -> LoadKeys.derive(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void genesisFundingCoversTheKeysAndFitsOneGenesisTransaction() {
    assertThat(LoadFunding.coins(100, 10_000, 4)).isEqualTo(10_000);
    assertThat(LoadFunding.coins(2_000, 10_000, 4)).isEqualTo(16_000);
    int most = LoadFunding.coins(1_000_000, 10_000, 4);
    assertThat(most).isLessThanOrEqualTo(GenesisConfig.MAX_ALLOCATIONS - 4);
    assertThatThrownBy(() -> LoadFunding.coins(10, GenesisConfig.MAX_ALLOCATIONS, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not fit in a genesis");
  }

  @Test
  void theLoadsFiguresJoinAnotherReportWithCountsKeptWholeAndNoSampleAsMissed() throws Exception {
    var load =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"offered\":12,\"committed\":0,\"committed_tps\":0.0,"
                    + "\"finality_ms_p99\":null,\"rejected_by_reason\":{\"conflict\":2}}");
    Report report = new Report("devnet");

    double committedTps = LoadFunding.copyLoadFigures(load, report);

    assertThat(committedTps).isZero();
    assertThat(report.get("offered")).isEqualTo(12L);
    assertThat(report.get("finality_ms_p99")).isNull();
    assertThat(
            report.goalAtMost(
                "finality", "p99", DevnetBench.number(load.get("finality_ms_p99")), 2_000))
        .isFalse();
    assertThat(report.toJson()).contains("\"rejected_by_reason\":{\"conflict\":2}");
  }

  @Test
  void finalizationTimesFromPolledHeightsTimeEverySkippedHeight() {
    long[] now = {1_000};
    Clock clock =
        new Clock() {
          @Override
          public long monoNanos() {
            return now[0];
          }

          @Override
          public long wallMillis() {
            return 0;
          }
        };
    FinalizationTimes t = new FinalizationTimes(clock);
    t.reached(0, 5);
    t.reached(1, 5);
    now[0] = 2_000;
    t.reached(0, 7);
    now[0] = 3_500;
    t.reached(1, 7);

    assertThat(t.at(0, 4)).isEqualTo(-1);
    assertThat(t.at(0, 6)).isEqualTo(2_000);
    assertThat(t.at(1, 6)).isEqualTo(3_500);
    assertThat(t.spreads(6, 7, 2)).containsExactly(1_500L, 1_500L);
  }
}
