package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.tx.SigHash;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.Utxo;

class FixtureTest {
  private final Fixture fixture = new Fixture(7, 16);

  @Test
  void initialUtxosAreAPureFunctionOfSeedAndIndex() {
    assertThat(new Fixture(7, 16).initialUtxo(123)).isEqualTo(fixture.initialUtxo(123));
    assertThat(fixture.initialUtxo(124)).isNotEqualTo(fixture.initialUtxo(123));
    assertThat(new Fixture(8, 16).initialUtxo(123)).isNotEqualTo(fixture.initialUtxo(123));
  }

  @Test
  void signedSpendVerifiesAndConservesValueLessFee() {
    Utxo utxo = fixture.initialUtxo(5);

    Transaction tx = fixture.spend(utxo, 1_000, true, new SplittableRandom(1));

    TxIn in = tx.inputs().get(0);
    assertThat(in.prev()).isEqualTo(utxo.outPoint());
    assertThat(utxo.address().matches(in.pubKey())).isTrue();
    assertThat(in.pubKey().verify(SigHash.of(Fixture.CHAIN_ID, tx, 0), in.signature())).isTrue();
    long fee = utxo.amount() - tx.totalOutput();
    assertThat(fee).isGreaterThanOrEqualTo(Math.max(1_000, tx.totalOutput() / 1000));
    assertThat(tx.outputs()).hasSize(2).allSatisfy(o -> assertThat(o.amount()).isGreaterThan(546));
  }

  @Test
  void chainsOfChangeOutputsStaySpendableForThousandsOfGenerations() {
    SplittableRandom random = new SplittableRandom(3);
    Utxo utxo = fixture.initialUtxo(0);
    for (int generation = 0; generation < 5_000; generation++) {
      Transaction tx = fixture.spend(utxo, generation, false, random);
      utxo = Fixture.outputsOf(tx, generation).get(1);
    }

    assertThat(utxo.amount()).isGreaterThan(1_000_000);
  }

  @Test
  void unsignedSpendCarriesNoiseThatDoesNotVerify() {
    Utxo utxo = fixture.initialUtxo(9);

    Transaction tx = fixture.spend(utxo, 1_000, false, new SplittableRandom(1));

    TxIn in = tx.inputs().get(0);
    assertThat(in.signature()).isNotEqualTo(new byte[64]);
    assertThat(in.pubKey().verify(SigHash.of(Fixture.CHAIN_ID, tx, 0), in.signature())).isFalse();
  }

  @Test
  void outputsOfATransactionBecomeUtxosAtTheGivenHeight() {
    Transaction tx = fixture.spend(fixture.initialUtxo(1), 1_000, false, new SplittableRandom(2));

    assertThat(Fixture.outputsOf(tx, 42))
        .extracting(Utxo::height, u -> u.outPoint().txid())
        .containsOnly(org.assertj.core.groups.Tuple.tuple(42L, tx.txid()));
  }
}
