package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** Transaction rules called directly, for the cases a block cannot express. */
class TxRulesTest {
  private static final ConsensusParams P = ConsensusParams.defaults();
  private static final KeyPair ALICE = ChainFixture.key("alice");

  @Test
  void transactionWithoutInputsIsRejectedOutsideACoinbase() {
    Transaction tx =
        new Transaction(1, List.of(), List.of(new TxOut(1_000, ChainFixture.address(ALICE))), 0, 0);
    assertThat(TxRules.checkStructure(tx, P).rejection()).isEqualTo(Rejection.NO_INPUTS);
  }

  @Test
  void inputSumOverflowIsRejected() {
    Utxo a = utxo("a", Long.MAX_VALUE / 2 + 1);
    Utxo b = utxo("b", Long.MAX_VALUE / 2 + 1);
    Transaction tx =
        new TxBuilder()
            .input(a.outPoint(), ALICE)
            .input(b.outPoint(), ALICE)
            .output(1_000_000, ChainFixture.address(ALICE))
            .unsigned();
    Map<OutPoint, Utxo> found = Map.of(a.outPoint(), a, b.outPoint(), b);
    assertThat(TxRules.checkSpend(tx, found::get, Set.of(), P).rejection())
        .isEqualTo(Rejection.AMOUNT_OVERFLOW);
  }

  @Test
  void duplicateInputsAreFoundInLargeTransactionsToo() {
    TxBuilder b = new TxBuilder();
    for (int i = 0; i < 20; i++) {
      b.input(utxo("u" + i, 10_000).outPoint(), ALICE);
    }
    b.input(utxo("u7", 10_000).outPoint(), ALICE).output(1_000, ChainFixture.address(ALICE));
    assertThat(TxRules.checkStructure(b.unsigned(), P).rejection())
        .isEqualTo(Rejection.DUPLICATE_INPUT);
  }

  @Test
  void feeIsReturnedAndExactMinimumPasses() {
    Utxo a = utxo("a", 1_001_000);
    Transaction tx =
        new TxBuilder()
            .input(a.outPoint(), ALICE)
            .output(1_000_000, ChainFixture.address(ALICE))
            .unsigned();
    ValidationResult r = TxRules.checkSpend(tx, Map.of(a.outPoint(), a)::get, Set.of(), P);
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.fee()).isEqualTo(1_000);
  }

  @Test
  void dustLimitIsInclusive() {
    Transaction ok =
        new TxBuilder()
            .input(utxo("a", 1).outPoint(), ALICE)
            .output(546, ChainFixture.address(ALICE))
            .unsigned();
    Transaction dust =
        new TxBuilder()
            .input(utxo("a", 1).outPoint(), ALICE)
            .output(545, ChainFixture.address(ALICE))
            .unsigned();
    assertThat(TxRules.checkStructure(ok, P).isValid()).isTrue();
    assertThat(TxRules.checkStructure(dust, P).rejection()).isEqualTo(Rejection.DUST);
  }

  static final Hash32 CHAIN = Sha256.hash("c".getBytes());

  /** Alice spends two of her coins in one transaction. */
  private static Transaction twoCoinsOfAlice() {
    return new TxBuilder()
        .input(utxo("a", 5_000_000).outPoint(), ALICE)
        .input(utxo("b", 5_000_000).outPoint(), ALICE)
        .output(9_000_000, ChainFixture.address(ALICE))
        .sign(CHAIN);
  }

  /** The same transaction with the two inputs' signatures swapped. */
  private static Transaction signaturesSwapped(Transaction tx) {
    return tx.withInputs(
        List.of(
            tx.inputs().get(0).withSignature(tx.inputs().get(1).signature()),
            tx.inputs().get(1).withSignature(tx.inputs().get(0).signature())));
  }

  @Test
  void signatureOfOneInputCannotBeMovedToAnother() {
    Transaction tx = twoCoinsOfAlice();
    assertThat(TxRules.checkSignatures(tx, CHAIN).isValid()).isTrue();
    ValidationResult r = TxRules.checkSignatures(signaturesSwapped(tx), CHAIN);
    assertThat(r.rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
  }

  @Test
  void sharedDecodedKeysGiveTheSameAnswersAndServeTheSecondInputOfAKey() {
    Transaction tx = twoCoinsOfAlice();
    Transaction decoded = Transaction.CODEC.decode(Transaction.CODEC.encode(tx));
    org.timecoin.domain.crypto.DecodedKeys keys = new org.timecoin.domain.crypto.DecodedKeys(10);
    assertThat(TxRules.checkSignatures(decoded, CHAIN, keys).isValid()).isTrue();
    assertThat(keys.hitCount()).as("the second input's key was decoded by the first").isOne();
    assertThat(TxRules.checkSignatures(signaturesSwapped(tx), CHAIN, keys).rejection())
        .isEqualTo(Rejection.BAD_SIGNATURE);
  }

  private static Utxo utxo(String name, long amount) {
    return new Utxo(
        new OutPoint(Sha256.hash(name.getBytes()), 0),
        new TxOut(amount, ChainFixture.address(ALICE)),
        0,
        false);
  }
}
