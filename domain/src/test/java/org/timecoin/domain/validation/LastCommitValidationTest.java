package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;

/**
 * The lastCommit's signatures in the pipeline: the signature cache, and certificates of large sets
 * split over the pool.
 */
class LastCommitValidationTest {
  static final ChainFixture F = new ChainFixture(0);
  static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  static ValidationResult validate(Block block, BlockContext ctx, SignatureCache cache) {
    return new BlockValidator(pool, 3, cache)
        .validate(block, ctx, F.view(), ChainFixture.FAKE_STATE_ROOT)
        .join();
  }

  static LastCommit forged(LastCommit lc, int index) {
    List<CommitSignature> sigs = new ArrayList<>(lc.signatures());
    CommitSignature s = sigs.get(index);
    byte[] bad = s.signature();
    bad[7] ^= 1;
    sigs.set(index, new CommitSignature(s.validator(), bad));
    return new LastCommit(lc.round(), sigs);
  }

  @Test
  void aCertificateTheCacheVouchesForIsNotVerifiedAgain() {
    BlockHeader h1 = F.block(List.of()).header();
    LastCommit bad = forged(LastCommit.of(F.certify(h1, 0, F.validatorKeys)), 1);
    Block two = F.blockOn(h1, bad, List.of(), F.proposer(), h1.timestamp() + 500);
    SignatureCache cache = new SignatureCache(100);
    ValidationResult first = validate(two, F.contextOn(h1), cache);
    assertThat(first.rejection()).as(first.toString()).isEqualTo(Rejection.BAD_LAST_COMMIT);
    assertThat(first.detail()).contains("bad precommit signature");
    // A forged signature passes only if the cache made the pipeline skip it.
    cache.markVerified(SignatureCache.certificateKey(bad.toCertificate(1, h1.hash())));
    ValidationResult second = validate(two, F.contextOn(h1), cache);
    assertThat(second.isValid()).as(second.toString()).isTrue();
  }

  @Test
  void aVerifiedCertificateIsCachedAndAFailedOneIsNot() {
    BlockHeader h1 = F.block(List.of()).header();
    LastCommit good = LastCommit.of(F.certify(h1, 0, F.validatorKeys));
    LastCommit bad = forged(good, 0);
    SignatureCache cache = new SignatureCache(100);
    long t2 = h1.timestamp() + 500;
    assertThat(validate(F.blockOn(h1, good, List.of(), F.proposer(), t2), F.contextOn(h1), cache))
        .matches(ValidationResult::isValid);
    assertThat(validate(F.blockOn(h1, bad, List.of(), F.proposer(), t2), F.contextOn(h1), cache))
        .extracting(ValidationResult::rejection)
        .isEqualTo(Rejection.BAD_LAST_COMMIT);
    assertThat(cache.isVerified(SignatureCache.certificateKey(good.toCertificate(1, h1.hash()))))
        .isTrue();
    assertThat(cache.isVerified(SignatureCache.certificateKey(bad.toCertificate(1, h1.hash()))))
        .isFalse();
  }

  @Test
  void cheapDefectsAreReportedBeforeAnySignatureIsChecked() {
    BlockHeader h1 = F.block(List.of()).header();
    // Forged signatures and a missing signer: the power is short, which needs no curve arithmetic.
    LastCommit forgedShort =
        forged(LastCommit.of(F.certify(h1, 0, F.validatorKeys.subList(0, 2))), 0);
    Block two = F.blockOn(h1, forgedShort, List.of(), F.proposer(), h1.timestamp() + 500);
    BlockRules rules = new BlockRules(two, F.contextOn(h1));
    ValidationResult r = rules.checkStructure();
    assertThat(r.rejection()).isEqualTo(Rejection.BAD_LAST_COMMIT);
    assertThat(r.detail()).contains("is not more than 2/3");
  }

  /** A set of {@code n} Bronze members of power 1, and their keys. */
  record BigSet(List<KeyPair> keys, ValidatorSet set) {
    static BigSet of(int n) {
      List<KeyPair> keys = new ArrayList<>();
      List<Validator> vs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        KeyPair k = KeyPair.fromSeed(Sha256.digest(("big-" + i).getBytes()));
        keys.add(k);
        vs.add(new Validator(k.publicKey(), 1, Tier.BRONZE, Address.fromPublicKey(k.publicKey())));
      }
      return new BigSet(keys, new ValidatorSet(vs));
    }
  }

  @ParameterizedTest(name = "forged signature at {0} of 50")
  @ValueSource(ints = {-1, 0, 17, 49})
  void aLargeCertificateIsCheckedInChunksAndAnyForgeryIsFound(int forgedAt) {
    BigSet big = BigSet.of(50);
    BlockHeader h1 = F.block(List.of()).header();
    byte[] signed = VoteSignBytes.of(F.chainId, VoteType.PRECOMMIT, 1, 0, h1.hash());
    List<CommitSignature> sigs = new ArrayList<>();
    for (KeyPair k : big.keys()) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(signed)));
    }
    LastCommit lc = new LastCommit(0, sigs);
    if (forgedAt >= 0) {
      lc = forged(lc, forgedAt);
    }
    BlockContext ctx =
        new BlockContext(
            F.chainId,
            h1,
            F.validators,
            CoinbaseRule.allMembers(F.validators),
            F.validators.hash(),
            big.set(),
            F.params,
            F.contextOn(h1).nowMillis());
    Block two = F.withRootsIn(ctx, lc, coinbaseFor(h1, ctx), F.proposer(), h1.timestamp() + 500);
    ValidationResult r = validate(two, ctx, new SignatureCache(100));
    if (forgedAt < 0) {
      assertThat(r.isValid()).as(r.toString()).isTrue();
    } else {
      assertThat(r.rejection()).as(r.toString()).isEqualTo(Rejection.BAD_LAST_COMMIT);
      assertThat(r.detail()).contains(big.keys().get(forgedAt).publicKey().toString());
    }
  }

  static List<org.timecoin.domain.tx.Transaction> coinbaseFor(BlockHeader parent, BlockContext c) {
    long t = parent.timestamp() + 500;
    ConsensusParams p = c.params();
    return List.of(
        CoinbaseRule.coinbase(
            parent.height() + 1,
            Issuance.reward(p, parent.timestamp(), t),
            c.validators(),
            c.activeMembers(),
            F.proposer(),
            t));
  }

  @Test
  void theCertificateKeyCoversEverySignature() {
    BlockHeader h1 = F.block(List.of()).header();
    CommitCertificate c = F.certify(h1, 0, F.validatorKeys);
    CommitCertificate other = forged(LastCommit.of(c), 2).toCertificate(1, h1.hash());
    assertThat(SignatureCache.certificateKey(c)).isNotEqualTo(SignatureCache.certificateKey(other));
    assertThat(SignatureCache.certificateKey(c))
        .isNotEqualTo(
            SignatureCache.certificateKey(LastCommit.of(c).toCertificate(1, Hash32.ZERO)));
  }
}
