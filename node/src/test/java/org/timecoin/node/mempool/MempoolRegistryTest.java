package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.MapRegistryView;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.SignatureCache;

/**
 * Admission of masternode transactions: each refusal with its reason and whose fault it is, the
 * mempool's own registrations counted against later ones, and the waiting transactions checked
 * again when a block changes the registry.
 */
class MempoolRegistryTest {
  static final Hash32 CHAIN = Sha256.hash(new byte[] {7});
  static final KeyPair OWNER = KeyPair.fromSeed(Sha256.digest(new byte[] {8}));
  static final Address OWNER_ADDR = Address.fromPublicKey(OWNER.publicKey());
  static final KeyPair VALIDATOR = KeyPair.fromSeed(Sha256.digest(new byte[] {9}));
  static final long FEE = Amounts.ofTime(2);
  static final ConsensusParams PARAMS = ConsensusParams.defaults();

  final MapUtxoView utxos = new MapUtxoView();
  final MapRegistryView registry = new MapRegistryView();
  final AtomicLong tip = new AtomicLong(5);
  final Mempool mempool =
      new Mempool(
          CHAIN,
          PARAMS,
          utxos,
          RegistryRules.over(CHAIN, registry, tip::get, PARAMS.epochBlocks()),
          new SignatureCache(1_000),
          Runnable::run,
          MempoolPolicy.of(100, 1_000_000),
          tx -> {},
          Clock.SYSTEM);
  int coins;

  MempoolRegistryTest() {
    ValidatorSet genesis =
        new ValidatorSet(
            List.of(
                new Validator(
                    VALIDATOR.publicKey(),
                    1,
                    Tier.FREE,
                    Address.fromPublicKey(VALIDATOR.publicKey()))));
    registry.put(MasternodeRecord.genesis(genesis.validators().get(0)));
    registry.putValidatorSet(0, genesis).putValidatorSet(1, genesis);
  }

  /** A fresh 1,100 TIME output of the owner. */
  OutPoint coin() {
    OutPoint p = new OutPoint(Sha256.hash(new byte[] {42, (byte) coins++}), 0);
    utxos.add(new Utxo(p, new TxOut(Amounts.ofTime(1_100), OWNER_ADDR), 0, false));
    return p;
  }

  static KeyPair operator(int i) {
    return KeyPair.fromSeed(Sha256.digest(new byte[] {77, (byte) i}));
  }

  static Transaction register(OutPoint funds, KeyPair operator) {
    return new TxBuilder()
        .input(funds, OWNER)
        .output(Tier.BRONZE.collateral(), OWNER_ADDR)
        .output(Amounts.ofTime(1_100) - Tier.BRONZE.collateral() - FEE, OWNER_ADDR)
        .registration(Tier.BRONZE, operator, OWNER_ADDR, "127.0.0.1:24100")
        .sign(CHAIN);
  }

  /** A registration whose operator signature is another key's (its inputs signed rightly). */
  static Transaction forgedOperator(OutPoint funds, KeyPair operator) {
    Transaction signed = register(funds, operator);
    byte[] wrong = register(funds, operator(99)).payload().signature();
    MasternodeRegistration reg = (MasternodeRegistration) signed.payload();
    return new Transaction(
        signed.version(),
        signed.inputs(),
        signed.outputs(),
        signed.lockTime(),
        signed.timestamp(),
        reg.withSignature(wrong));
  }

  /** Puts a registered record of {@code operator} with {@code collateral} in the registry. */
  void registered(KeyPair operator, OutPoint collateral) {
    registry.put(
        new MasternodeRecord(
            operator.publicKey(),
            Tier.BRONZE,
            1,
            collateral,
            OWNER_ADDR,
            OWNER_ADDR,
            "127.0.0.1:24100",
            1,
            -1,
            -1,
            MasternodeRecord.Status.PENDING,
            -1,
            0));
    utxos.add(new Utxo(collateral, new TxOut(Tier.BRONZE.collateral(), OWNER_ADDR), 1, false));
  }

  AdmitResult submit(Transaction tx) {
    return mempool.submit(tx).join();
  }

  @Test
  void aSecondRegistrationOfAKeyWaitingInTheMempoolIsRefused() {
    assertThat(submit(register(coin(), operator(1))).admitted()).isTrue();
    AdmitResult again = submit(register(coin(), operator(1)));
    assertThat(again.code()).isEqualTo("duplicate-registration");
    assertThat(again.blamesSender()).isFalse();
  }

  @Test
  void aRegistrationOfAKeyAlreadyRegisteredIsRefused() {
    registered(operator(2), new OutPoint(Sha256.hash(new byte[] {1}), 0));
    AdmitResult r = submit(register(coin(), operator(2)));
    assertThat(r.code()).isEqualTo("operator-already-registered");
    assertThat(r.detail()).contains(operator(2).publicKey().toHex());
  }

  @Test
  void aForgedOperatorSignatureIsRefusedAndBlamesTheRelayer() {
    AdmitResult r = submit(forgedOperator(coin(), operator(3)));
    assertThat(r.code()).isEqualTo("bad-operator-signature");
    assertThat(r.blamesSender()).isTrue();
  }

  @Test
  void theCollateralOfAMemberOfTheCurrentOrNextSetIsLocked() {
    OutPoint collateral = new OutPoint(Sha256.hash(new byte[] {2}), 0);
    registered(operator(4), collateral);
    ValidatorSet withIt =
        new ValidatorSet(
            List.of(
                registry.byOperatorKey(VALIDATOR.publicKey()).orElseThrow().toValidator(),
                registry.byOperatorKey(operator(4).publicKey()).orElseThrow().toValidator()));
    registry.putValidatorSet(1, withIt); // the next epoch's set holds it
    Transaction spend = spendCollateral(collateral);
    AdmitResult r = submit(spend);
    assertThat(r.code()).isEqualTo("collateral-locked");
    assertThat(r.blamesSender()).isFalse();
    assertThat(mempool.contains(spend.txid())).isFalse();
  }

  @Test
  void theCollateralOfAMasternodeInNoSetIsSpendable() {
    OutPoint collateral = new OutPoint(Sha256.hash(new byte[] {3}), 0);
    registered(operator(5), collateral); // pending: in neither set
    AdmitResult r = submit(spendCollateral(collateral));
    assertThat(r.admitted()).as("%s", r).isTrue();
  }

  @Test
  void aBlockThatRegistersTheKeyEvictsTheWaitingRegistrationOfIt() {
    Transaction waiting = register(coin(), operator(6));
    assertThat(submit(waiting).admitted()).isTrue();
    // Another registration of the same key, from elsewhere, was final in the next block.
    registered(operator(6), new OutPoint(Sha256.hash(new byte[] {4}), 0));
    tip.incrementAndGet();
    mempool.onBlockCommitted(block());
    assertThat(mempool.contains(waiting.txid())).isFalse();
  }

  @Test
  void aRegistrationEvictedWithItsInputFreesItsKeyForAnother() {
    OutPoint funds = coin();
    Transaction first = register(funds, operator(7));
    assertThat(submit(first).admitted()).isTrue();
    // A block spends the first registration's input: it leaves, and so does its claim on the key.
    Transaction conflicting =
        new TxBuilder().input(funds, OWNER).output(Amounts.ofTime(1_000), OWNER_ADDR).sign(CHAIN);
    utxos.spend(funds);
    tip.incrementAndGet();
    mempool.onBlockCommitted(block(conflicting));
    assertThat(mempool.contains(first.txid())).isFalse();
    AdmitResult second = submit(register(coin(), operator(7)));
    assertThat(second.admitted()).as("%s", second).isTrue();
  }

  Transaction spendCollateral(OutPoint collateral) {
    return new TxBuilder()
        .input(collateral, OWNER)
        .output(Tier.BRONZE.collateral() - FEE, OWNER_ADDR)
        .sign(CHAIN);
  }

  static Block block(Transaction... txs) {
    PublicKey zero = PublicKey.of(new byte[32]);
    BlockHeader h =
        new BlockHeader(
            1,
            CHAIN,
            1,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            0,
            zero,
            0,
            Hash32.ZERO,
            LastCommit.empty().hash());
    List<Transaction> list = new ArrayList<>();
    list.add(new Transaction(1, List.of(), List.of(new TxOut(1, OWNER_ADDR)), 1, 0));
    list.addAll(List.of(txs));
    return new Block(h, LastCommit.empty(), list);
  }
}
