package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.node.mempool.AdmitResult.Fault;
import org.timecoin.node.mempool.Mempool.AdmissionCost;

/**
 * What each kind of refusal costs the node, and whose fault it is: the cheap checks come first,
 * lookups stop at the first missing or foreign input, and no signature is checked for a transaction
 * that fails before.
 */
class AdmissionCostTest {
  static final KeyPair ALICE = MempoolTest.ALICE;
  static final Address ALICE_ADDR = Address.fromPublicKey(ALICE.publicKey());
  static final int MANY = 7_500;

  final MapUtxoView view = new MapUtxoView();
  final SignatureCache cache = new SignatureCache(1000);

  Mempool mempool(long minFeeRate) {
    return new Mempool(
        MempoolTest.CHAIN,
        ConsensusParams.defaults(),
        view,
        cache,
        Runnable::run,
        new MempoolPolicy(100, 10_000_000, minFeeRate),
        tx -> {},
        Clock.SYSTEM);
  }

  static OutPoint outPoint(int n) {
    return new OutPoint(Sha256.hash(new byte[] {5, (byte) (n >> 8), (byte) n}), n);
  }

  /** An output of {@code amount} owned by {@code owner}, in the set. */
  OutPoint coin(int n, long amount, KeyPair owner) {
    OutPoint p = outPoint(n);
    view.add(new Utxo(p, new TxOut(amount, Address.fromPublicKey(owner.publicKey())), 0, false));
    return p;
  }

  /** {@code count} inputs naming {@code outPoints} with ALICE's key and blank signatures. */
  static Transaction unsignedSpending(List<OutPoint> outPoints, long pay) {
    List<TxIn> inputs = new ArrayList<>(outPoints.size());
    outPoints.forEach(p -> inputs.add(TxIn.unsigned(p, ALICE.publicKey())));
    return new Transaction(1, inputs, List.of(new TxOut(pay, MempoolTest.BOB_ADDR)), 0, 0);
  }

  static AdmissionCost minus(AdmissionCost after, AdmissionCost before) {
    return new AdmissionCost(
        after.inputsLookedUp() - before.inputsLookedUp(),
        after.spentProbes() - before.spentProbes(),
        after.signatureChecks() - before.signatureChecks());
  }

  @Test
  void aLargeTransactionWhoseFirstInputIsMissingCostsOneChunkOfLookupsAndNoSignature() {
    Mempool m = mempool(1);
    List<OutPoint> named = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      named.add(i == 0 ? outPoint(60_000) : coin(i, 1_000_000, ALICE));
    }
    Transaction tx = unsignedSpending(named, 1_000_000);
    assertThat(tx.encodedSize()).isGreaterThan(900_000);

    AdmitResult r = m.submit(tx).join();

    assertThat(r.code()).isEqualTo("unknown-input");
    assertThat(r.fault()).as("perhaps not final here yet").isEqualTo(Fault.NONE);
    assertThat(m.admissionCost()).isEqualTo(new AdmissionCost(InputLookup.FIRST_CHUNK, 1, 0));
  }

  @Test
  void lookupsStopAtTheFirstMissingInputEvenDeepInTheTransaction() {
    Mempool m = mempool(1);
    List<OutPoint> named = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      named.add(i == 40 ? outPoint(60_000) : coin(i, 1_000_000, ALICE));
    }
    AdmitResult r = m.submit(unsignedSpending(named, 1_000_000)).join();
    assertThat(r.code()).isEqualTo("unknown-input");
    // chunks of 32 and 64: the miss is in the second
    assertThat(m.admissionCost()).isEqualTo(new AdmissionCost(32 + 64, 1, 0));
  }

  @Test
  void inputsOwnedByAnotherKeyStopTheLookupsAndBlameTheSender() {
    Mempool m = mempool(1);
    KeyPair other = KeyPair.fromSeed(Sha256.digest(new byte[] {42}));
    List<OutPoint> named = new ArrayList<>();
    for (int i = 0; i < MANY; i++) {
      named.add(coin(i, 1_000_000, other));
    }
    AdmitResult r = m.submit(unsignedSpending(named, 1_000_000)).join();
    assertThat(r.code()).isEqualTo("pubkey-mismatch");
    assertThat(r.fault()).isEqualTo(Fault.INVALID);
    assertThat(m.admissionCost()).isEqualTo(new AdmissionCost(InputLookup.FIRST_CHUNK, 0, 0));
  }

  @Test
  void anHonestTransactionWithManyInputsIsReadInGrowingChunks() {
    Mempool m = mempool(1);
    TxBuilder b = new TxBuilder();
    for (int i = 0; i < 100; i++) {
      b.input(coin(i, 10_000, ALICE), ALICE);
    }
    Transaction tx = b.output(900_000, MempoolTest.BOB_ADDR).sign(MempoolTest.CHAIN);
    AdmitResult r = m.submit(tx).join();
    assertThat(r.admitted()).as(r.toString()).isTrue();
    assertThat(m.admissionCost()).isEqualTo(new AdmissionCost(100, 0, 1));
  }

  @Test
  void aBadSignatureIsCheckedLastAndBlamesTheSender() {
    Mempool m = mempool(1);
    Transaction unsigned = unsignedSpending(List.of(coin(1, 1_000_000, ALICE)), 990_000);
    AdmitResult r = m.submit(unsigned).join();
    assertThat(r.code()).isEqualTo("bad-signature");
    assertThat(r.fault()).isEqualTo(Fault.INVALID);
    assertThat(m.admissionCost()).isEqualTo(new AdmissionCost(1, 0, 1));
  }

  @Test
  void aStructuralFaultCostsNoLookupAndBlamesTheSender() {
    Mempool m = mempool(1);
    OutPoint c = coin(1, 1_000_000, ALICE);
    Transaction dust = new TxBuilder().input(c, ALICE).output(10, MempoolTest.BOB_ADDR).unsigned();
    AdmitResult r = m.submit(dust).join();
    assertThat(r.code()).isEqualTo("dust");
    assertThat(r.fault()).isEqualTo(Fault.INVALID);
    assertThat(m.admissionCost()).isEqualTo(new AdmissionCost(0, 0, 0));
  }

  @Test
  void aFeeBelowTheRateIsRefusedBeforeSignaturesAndBlamesNobody() {
    Mempool m = mempool(1_000);
    // pays the consensus minimum (1,000 units) but far below 1,000 units per byte
    Transaction cheap =
        new TxBuilder()
            .input(coin(1, 1_000_000, ALICE), ALICE)
            .output(999_000, MempoolTest.BOB_ADDR)
            .sign(MempoolTest.CHAIN);
    AdmitResult r = m.submit(cheap).join();
    assertThat(r.code()).isEqualTo(AdmitResult.FEE_RATE_TOO_LOW);
    assertThat(r.detail()).contains(cheap.encodedSize() + " bytes");
    assertThat(r.fault()).as("a policy of this node, not a rule").isEqualTo(Fault.NONE);
    assertThat(m.admissionCost().signatureChecks()).isZero();

    long fee = 1_000L * cheap.encodedSize();
    Transaction paying =
        new TxBuilder()
            .input(coin(2, 1_000_000, ALICE), ALICE)
            .output(1_000_000 - fee, MempoolTest.BOB_ADDR)
            .sign(MempoolTest.CHAIN);
    assertThat(paying.encodedSize()).isEqualTo(cheap.encodedSize());
    assertThat(m.submit(paying).join().admitted()).isTrue();
  }

  @Test
  void theDefaultFeeRateIsPaidByATransferPayingTheConsensusMinimum() {
    Mempool m = mempool(MempoolPolicy.DEFAULT_MIN_FEE_RATE);
    Transaction minimal =
        new TxBuilder()
            .input(coin(1, 1_000_000, ALICE), ALICE)
            .output(999_000, MempoolTest.BOB_ADDR)
            .sign(MempoolTest.CHAIN);
    AdmitResult r = m.submit(minimal).join();
    assertThat(r.admitted()).as(r.toString()).isTrue();
  }

  @Test
  void spendingAnOutputTheChainSpentBlamesTheSenderUnlessARecentBlockSpentIt() {
    Mempool m = mempool(1);
    OutPoint old = coin(1, 1_000_000, ALICE);
    view.spend(old);
    AdmitResult r = m.submit(MempoolTest.pay(old, 990_000)).join();
    assertThat(r.code()).isEqualTo("already-spent");
    assertThat(r.fault()).isEqualTo(Fault.SPENDS_SPENT);
    assertThat(m.admissionCost()).isEqualTo(new AdmissionCost(1, 1, 0));

    OutPoint lately = coin(2, 1_000_000, ALICE);
    Transaction rival = MempoolTest.pay(lately, 980_000);
    view.spend(lately);
    m.onBlockCommitted(MempoolTest.block(rival));
    AdmitResult raced = m.submit(MempoolTest.pay(lately, 990_000)).join();
    assertThat(raced.code()).isEqualTo("already-spent");
    assertThat(raced.fault())
        .as("its relayer may have admitted it before that block")
        .isEqualTo(Fault.NONE);
  }
}
