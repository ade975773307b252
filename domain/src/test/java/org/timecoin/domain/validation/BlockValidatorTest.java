package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** Table of blocks, one per rejection reason a block can have, through the whole pipeline. */
class BlockValidatorTest {
  static final ChainFixture F = new ChainFixture(8);
  static ExecutorService pool;

  /** Comfortably above 0.1% of a 10 TIME spend. */
  static final long FEE = 1_100_000;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** A block checked in a context against a view, and the expected verdict (null = valid). */
  record Case(
      String name,
      Block block,
      BlockContext ctx,
      UtxoView view,
      Rejection expected,
      int expectedTx) {
    @Override
    public String toString() {
      return name + " -> " + (expected == null ? "valid" : expected);
    }
  }

  static Case valid(String name, Block b) {
    return new Case(name, b, F.context(), F.view(), null, -1);
  }

  static Case reject(String name, Block b, Rejection r, int tx) {
    return new Case(name, b, F.context(), F.view(), r, tx);
  }

  static Block header(Block b, Function<BlockHeader, BlockHeader> change) {
    return new Block(change.apply(b.header()), b.lastCommit(), b.txs());
  }

  static BlockHeader copy(
      BlockHeader h, Hash32 chainId, long height, Hash32 prev, long timestamp, KeyPair proposer) {
    return new BlockHeader(
        h.version(),
        chainId,
        height,
        prev,
        h.txRoot(),
        h.stateRoot(),
        timestamp,
        proposer == null ? h.proposer() : proposer.publicKey(),
        h.round(),
        h.nextValidatorsHash(),
        h.lastCommitHash());
  }

  static byte[] flipped(byte[] sig) {
    byte[] s = sig.clone();
    s[10] ^= 4;
    return s;
  }

  static Stream<Case> cases() {
    Block good = F.block(List.of(F.validSpend(0), F.validSpend(1)));
    BlockHeader h = good.header();
    Utxo u2 = F.utxo(2);
    KeyPair owner2 = F.users.get(2);
    Transaction spend2 = F.validSpend(2);
    Transaction chained =
        new TxBuilder()
            .input(spend2.outPoint(1), owner2)
            .output(1_000_000, ChainFixture.address(owner2))
            .output(
                spend2.outputs().get(1).amount() - 1_000_000 - FEE, ChainFixture.address(owner2))
            .sign(F.chainId);
    Transaction badSig =
        spend2.withInputs(
            List.of(
                spend2.inputs().get(0).withSignature(flipped(spend2.inputs().get(0).signature()))));
    Transaction otherChainSig =
        new TxBuilder()
            .timestamp(5)
            .input(u2.outPoint(), owner2)
            .output(1_000_000, ChainFixture.address(owner2))
            .output(u2.amount() - 1_000_000 - FEE, ChainFixture.address(owner2))
            .sign(Sha256.hash("another chain".getBytes()));
    Transaction wrongKey =
        new TxBuilder()
            .input(u2.outPoint(), F.users.get(3))
            .output(1_000_000, ChainFixture.address(owner2))
            .output(u2.amount() - 1_000_000 - FEE, ChainFixture.address(owner2))
            .sign(F.chainId);
    Transaction unknownInput =
        new TxBuilder()
            .input(new OutPoint(Sha256.hash("nothing".getBytes()), 0), owner2)
            .output(1_000_000, ChainFixture.address(owner2))
            .sign(F.chainId);
    Transaction noOutputs = new TxBuilder().input(u2.outPoint(), owner2).sign(F.chainId);
    Transaction dup =
        new TxBuilder()
            .input(u2.outPoint(), owner2)
            .input(u2.outPoint(), owner2)
            .output(1_000_000, ChainFixture.address(owner2))
            .sign(F.chainId);
    Transaction dust = F.spend(u2, owner2, 545, 20_000);
    Transaction overflow =
        new TxBuilder()
            .input(u2.outPoint(), owner2)
            .output(Long.MAX_VALUE, ChainFixture.address(owner2))
            .output(Long.MAX_VALUE, ChainFixture.address(owner2))
            .sign(F.chainId);
    Transaction overspend = F.spend(u2, owner2, ChainFixture.ALLOCATION - 1_000, -1_000_000);
    Transaction lowFee = F.spend(u2, owner2, 1_000_000, 999);
    Transaction lowPerMilleFee = F.spend(u2, owner2, 1_000_000, 990_000);
    Transaction conflicting = F.spend(u2, owner2, 2_000_000, 20_000);
    Transaction secondCoinbase = new Transaction(1, List.of(), spend2.outputs(), 1, 0);

    ConsensusParams p = F.params;
    ConsensusParams tinyTx =
        new ConsensusParams(
            p.issuancePerPeriod(),
            p.issuancePeriodMs(),
            p.maxBlockBytes(),
            200,
            p.minFee(),
            p.feePerMille(),
            p.dustLimit(),
            p.maxClockDriftMs(),
            1,
            1,
            1,
            1,
            1,
            1,
            1,
            p.epochBlocks(),
            p.inactivityBlocks(),
            p.removalBlocks());
    ConsensusParams tinyBlock =
        new ConsensusParams(
            p.issuancePerPeriod(),
            p.issuancePeriodMs(),
            500,
            p.maxTxBytes(),
            p.minFee(),
            p.feePerMille(),
            p.dustLimit(),
            p.maxClockDriftMs(),
            1,
            1,
            1,
            1,
            1,
            1,
            1,
            p.epochBlocks(),
            p.inactivityBlocks(),
            p.removalBlocks());

    Block coinbaseWrongAmount = coinbaseVariant(good, +1, 1);
    Block coinbaseWrongLockTime = coinbaseVariant(good, 0, 7);
    Block allToProposer = allToProposer(good);

    return Stream.concat(
        BlockValidatorLastCommitCases.cases(good),
        Stream.of(
            valid("two spends", good),
            valid("empty but for the coinbase", F.block(List.of())),
            valid(
                "spends an output created earlier in the block", F.block(List.of(spend2, chained))),
            reject(
                "chain id",
                header(good, x -> copy(x, Hash32.ZERO, 1, x.prevHash(), x.timestamp(), null)),
                Rejection.BAD_CHAIN_ID,
                -1),
            reject(
                "height 2",
                header(good, x -> copy(x, x.chainId(), 2, x.prevHash(), x.timestamp(), null)),
                Rejection.BAD_HEIGHT,
                -1),
            reject(
                "prev hash",
                header(good, x -> copy(x, x.chainId(), 1, Hash32.ZERO, x.timestamp(), null)),
                Rejection.BAD_PREV_HASH,
                -1),
            reject(
                "timestamp equal to parent's",
                header(
                    good, x -> copy(x, x.chainId(), 1, x.prevHash(), F.parent.timestamp(), null)),
                Rejection.BAD_TIMESTAMP,
                -1),
            reject(
                "timestamp too far ahead",
                header(
                    good,
                    x ->
                        copy(
                            x,
                            x.chainId(),
                            1,
                            x.prevHash(),
                            ChainFixture.GENESIS_TIME + 60_000 + 10_001,
                            null)),
                Rejection.BAD_TIMESTAMP,
                -1),
            reject(
                "proposer not a validator",
                header(
                    good,
                    x -> copy(x, x.chainId(), 1, x.prevHash(), x.timestamp(), F.users.get(0))),
                Rejection.UNKNOWN_PROPOSER,
                -1),
            new Case(
                "block over max_block_bytes",
                good,
                F.context(tinyBlock),
                F.view(),
                Rejection.OVERSIZE_BLOCK,
                -1),
            new Case(
                "tx over max_tx_bytes",
                good,
                F.context(tinyTx),
                F.view(),
                Rejection.OVERSIZE_TX,
                1),
            reject(
                "no coinbase",
                F.withRoots(List.of(spend2), F.proposer(), h.timestamp()),
                Rejection.BAD_COINBASE,
                0),
            reject(
                "no transactions at all",
                F.withRoots(List.of(), F.proposer(), h.timestamp()),
                Rejection.BAD_COINBASE,
                0),
            reject("second coinbase", F.block(List.of(secondCoinbase)), Rejection.BAD_COINBASE, 1),
            reject(
                "coinbase pays one unit too much", coinbaseWrongAmount, Rejection.BAD_COINBASE, 0),
            reject(
                "coinbase lockTime is not the height",
                coinbaseWrongLockTime,
                Rejection.BAD_COINBASE,
                0),
            reject(
                "coinbase pays everything to the proposer",
                allToProposer,
                Rejection.BAD_COINBASE,
                0),
            reject("no outputs", F.block(List.of(noOutputs)), Rejection.NO_OUTPUTS, 1),
            reject("input twice in one tx", F.block(List.of(dup)), Rejection.DUPLICATE_INPUT, 1),
            reject("dust output", F.block(List.of(dust)), Rejection.DUST, 1),
            reject("outputs overflow", F.block(List.of(overflow)), Rejection.AMOUNT_OVERFLOW, 1),
            reject("duplicate txid", F.block(List.of(spend2, spend2)), Rejection.DUPLICATE_TXID, 2),
            reject(
                "merkle root",
                header(good, x -> x.withTxRoot(Hash32.ZERO)),
                Rejection.BAD_MERKLE_ROOT,
                -1),
            reject(
                "double spend in block",
                F.block(List.of(spend2, conflicting)),
                Rejection.DOUBLE_SPEND_IN_BLOCK,
                2),
            reject("unknown input", F.block(List.of(unknownInput)), Rejection.UNKNOWN_INPUT, 1),
            reject(
                "spends an output of a later tx",
                F.block(List.of(chained, spend2)),
                Rejection.UNKNOWN_INPUT,
                1),
            new Case(
                "already spent input",
                F.block(List.of(spend2)),
                F.context(),
                new MapUtxoView(Map.of(), Set.of(u2.outPoint())),
                Rejection.ALREADY_SPENT,
                1),
            reject(
                "key does not own the output",
                F.block(List.of(wrongKey)),
                Rejection.PUBKEY_MISMATCH,
                1),
            reject(
                "outputs exceed inputs",
                F.block(List.of(overspend)),
                Rejection.INSUFFICIENT_FUNDS,
                1),
            reject("fee below 1000 units", F.block(List.of(lowFee)), Rejection.FEE_TOO_LOW, 1),
            reject(
                "fee below 0.1% of outputs",
                F.block(List.of(lowPerMilleFee)), Rejection.FEE_TOO_LOW, 1),
            reject(
                "corrupted signature",
                F.block(List.of(F.validSpend(0), badSig)),
                Rejection.BAD_SIGNATURE,
                2),
            reject(
                "signed for another chain",
                F.block(List.of(otherChainSig)),
                Rejection.BAD_SIGNATURE,
                1),
            reject(
                "state root",
                header(good, x -> x.withStateRoot(Hash32.ZERO)),
                Rejection.BAD_STATE_ROOT,
                -1),
            reject(
                "rules beat signatures",
                F.block(List.of(badSig, lowFee.withInputs(List.of(lowFee.inputs().get(0))))),
                Rejection.DOUBLE_SPEND_IN_BLOCK,
                2)));
  }

  /** The good block with its coinbase changed (amount delta to the first output, lockTime). */
  static Block coinbaseVariant(Block good, long amountDelta, long lockTime) {
    Transaction cb = good.txs().get(0);
    List<TxOut> outs = new ArrayList<>(cb.outputs());
    var first = outs.get(0);
    outs.set(0, new TxOut(first.amount() + amountDelta, first.address()));
    Transaction changed = new Transaction(cb.version(), List.of(), outs, lockTime, cb.timestamp());
    List<Transaction> all = new ArrayList<>(good.txs());
    all.set(0, changed);
    return F.withRoots(all, good.header().proposer(), good.header().timestamp());
  }

  static Block allToProposer(Block good) {
    Transaction cb = good.txs().get(0);
    long total = cb.totalOutput();
    var proposerOut =
        new TxOut(total, F.validators.get(F.proposer()).orElseThrow().rewardAddress());
    Transaction changed = new Transaction(1, List.of(), List.of(proposerOut), 1, cb.timestamp());
    List<Transaction> all = new ArrayList<>(good.txs());
    all.set(0, changed);
    return F.withRoots(all, good.header().proposer(), good.header().timestamp());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validate(Case c) {
    BlockValidator validator = new BlockValidator(pool, 2, new SignatureCache(1_000));
    ValidationResult r =
        validator.validate(c.block(), c.ctx(), c.view(), ChainFixture.FAKE_STATE_ROOT).join();
    assertThat(r.rejection()).as(r.toString()).isEqualTo(c.expected());
    if (c.expected() != null) {
      assertThat(r.txIndex()).as(r.toString()).isEqualTo(c.expectedTx());
    } else {
      assertThat(r.delta()).isNotNull();
    }
  }

  @Test
  void everyBlockLevelReasonHasACase() {
    Set<Rejection> expected = EnumSet.allOf(Rejection.class);
    expected.remove(Rejection.NO_INPUTS); // in a block this is a second coinbase; see TxRulesTest
    // Masternode payload and registry rules: see TxRulesPayloadTest and MasternodeRulesTest.
    expected.removeAll(EnumSet.range(Rejection.UNKNOWN_TX_VERSION, Rejection.COLLATERAL_LOCKED));
    Set<Rejection> inTable = EnumSet.noneOf(Rejection.class);
    cases()
        .forEach(
            c -> {
              if (c.expected() != null) {
                inTable.add(c.expected());
              }
            });
    assertThat(inTable).containsAll(expected);
  }

  @Test
  void deltaSpendsGenesisOutputsAndCreatesOnlyUnspentOutputs() {
    Transaction spend2 = F.validSpend(2);
    KeyPair owner2 = F.users.get(2);
    Transaction chained =
        new TxBuilder()
            .input(spend2.outPoint(1), owner2)
            .output(3_000_000, ChainFixture.address(owner2))
            .sign(F.chainId);
    Block b = F.block(List.of(spend2, chained));
    ValidationResult r =
        new BlockValidator(pool, 2, new SignatureCache(100))
            .validate(b, F.context(), F.view(), ChainFixture.FAKE_STATE_ROOT)
            .join();
    assertThat(r.isValid()).as(r.toString()).isTrue();
    assertThat(r.delta().spent()).containsExactly(F.utxo(2));
    List<OutPoint> created = r.delta().created().stream().map(Utxo::outPoint).toList();
    assertThat(created)
        .doesNotContain(spend2.outPoint(1))
        .contains(spend2.outPoint(0), chained.outPoint(0));
    assertThat(r.delta().created().get(0).coinbase()).isTrue();
    assertThat(r.delta().created()).filteredOn(u -> !u.coinbase()).hasSize(2);
    assertThat(r.fee()).isEqualTo(r.delta().fees()).isEqualTo(F.feesOf(List.of(spend2, chained)));
  }

  @Test
  void cachedTransactionsAreNotVerifiedAgain() {
    Transaction spend = F.validSpend(4);
    // Same txid cannot carry another signature, so prove the skip with a bad signature the cache
    // vouches for: the block passes only if verification was skipped.
    Transaction bad =
        spend.withInputs(
            List.of(
                spend.inputs().get(0).withSignature(flipped(spend.inputs().get(0).signature()))));
    SignatureCache cache = new SignatureCache(100);
    cache.markVerified(bad.txid());
    Block b = F.block(List.of(bad));
    ValidationResult r =
        new BlockValidator(pool, 2, cache)
            .validate(b, F.context(), F.view(), ChainFixture.FAKE_STATE_ROOT)
            .join();
    assertThat(r.isValid()).as(r.toString()).isTrue();
  }

  @Test
  void onlySuccessfulVerificationsAreCached() {
    Transaction good = F.validSpend(5);
    Transaction spend = F.validSpend(6);
    Transaction bad =
        spend.withInputs(
            List.of(
                spend.inputs().get(0).withSignature(flipped(spend.inputs().get(0).signature()))));
    SignatureCache cache = new SignatureCache(100);
    BlockValidator validator = new BlockValidator(pool, 1, cache);
    ValidationResult r =
        validator
            .validate(
                F.block(List.of(good, bad)), F.context(), F.view(), ChainFixture.FAKE_STATE_ROOT)
            .join();
    assertThat(r.rejection()).isEqualTo(Rejection.BAD_SIGNATURE);
    assertThat(cache.isVerified(good.txid())).isTrue();
    assertThat(cache.isVerified(bad.txid())).isFalse();
  }

  @Test
  void lookupFailureFailsTheFuture() {
    UtxoView broken =
        outPoints -> CompletableFuture.failedFuture(new IllegalStateException("disk gone"));
    var future =
        new BlockValidator(pool, 2, new SignatureCache(10))
            .validate(
                F.block(List.of(F.validSpend(7))),
                F.context(),
                broken,
                ChainFixture.FAKE_STATE_ROOT);
    assertThat(future).failsWithin(Duration.ofSeconds(10));
  }
}
