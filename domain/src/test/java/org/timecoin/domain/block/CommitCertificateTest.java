package org.timecoin.domain.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.CertificateResult.Problem;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;

class CommitCertificateTest {
  private static final Hash32 CHAIN = Sha256.hash("chain".getBytes());
  private static final Hash32 BLOCK = Sha256.hash("block".getBytes());
  private static final long HEIGHT = 12;
  private static final int ROUND = 1;

  /** Four validators with power 1, 1, 1, 2: total 5, quorum 4. */
  private static final List<KeyPair> KEYS = keys(4);

  private static final ValidatorSet SET =
      new ValidatorSet(
          List.of(
              validator(KEYS.get(0), 1),
              validator(KEYS.get(1), 1),
              validator(KEYS.get(2), 1),
              validator(KEYS.get(3), 2)));

  private static List<KeyPair> keys(int n) {
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(KeyPair.fromSeed(Sha256.digest(new byte[] {(byte) i})));
    }
    return keys;
  }

  private static Validator validator(KeyPair key, long power) {
    return new Validator(
        key.publicKey(), power, Tier.SILVER, Address.fromPublicKey(key.publicKey()));
  }

  private static CommitSignature precommit(KeyPair key, Hash32 chain, VoteType type) {
    return new CommitSignature(
        key.publicKey(), key.sign(VoteSignBytes.of(chain, type, HEIGHT, ROUND, BLOCK)));
  }

  private static CommitSignature precommit(KeyPair key) {
    return precommit(key, CHAIN, VoteType.PRECOMMIT);
  }

  private static CommitCertificate cert(CommitSignature... sigs) {
    return new CommitCertificate(HEIGHT, ROUND, BLOCK, List.of(sigs));
  }

  record Case(String name, CommitCertificate cert, Problem expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    KeyPair outsider = KeyPair.fromSeed(Sha256.digest("outsider".getBytes()));
    UnaryOperator<CommitSignature> corrupt =
        s -> {
          byte[] sig = s.signature();
          sig[5] ^= 1;
          return new CommitSignature(s.validator(), sig);
        };
    return Stream.of(
        new Case(
            "all four",
            cert(
                precommit(KEYS.get(0)),
                precommit(KEYS.get(1)),
                precommit(KEYS.get(2)),
                precommit(KEYS.get(3))),
            null),
        new Case(
            "exactly quorum 1+1+2",
            cert(precommit(KEYS.get(0)), precommit(KEYS.get(1)), precommit(KEYS.get(3))),
            null),
        new Case(
            "2/3 is not enough: 1+1+1 of 5",
            cert(precommit(KEYS.get(0)), precommit(KEYS.get(1)), precommit(KEYS.get(2))),
            Problem.INSUFFICIENT_POWER),
        new Case("empty", cert(), Problem.INSUFFICIENT_POWER),
        new Case(
            "duplicate signer counted once",
            cert(precommit(KEYS.get(3)), precommit(KEYS.get(3)), precommit(KEYS.get(0))),
            Problem.DUPLICATE_VALIDATOR),
        new Case(
            "unknown signer",
            cert(
                precommit(KEYS.get(0)),
                precommit(KEYS.get(1)),
                precommit(KEYS.get(3)),
                precommit(outsider)),
            Problem.UNKNOWN_VALIDATOR),
        new Case(
            "corrupted signature",
            cert(
                precommit(KEYS.get(0)),
                precommit(KEYS.get(1)),
                corrupt.apply(precommit(KEYS.get(3)))),
            Problem.BAD_SIGNATURE),
        new Case(
            "prevote is not a precommit",
            cert(
                precommit(KEYS.get(0)),
                precommit(KEYS.get(1)),
                precommit(KEYS.get(3), CHAIN, VoteType.PREVOTE)),
            Problem.BAD_SIGNATURE),
        new Case(
            "signed for another chain",
            cert(
                precommit(KEYS.get(0)),
                precommit(KEYS.get(1)),
                precommit(KEYS.get(3), Sha256.hash("x".getBytes()), VoteType.PRECOMMIT)),
            Problem.BAD_SIGNATURE),
        new Case(
            "signature swapped to another validator",
            cert(
                precommit(KEYS.get(0)),
                precommit(KEYS.get(1)),
                new CommitSignature(KEYS.get(3).publicKey(), precommit(KEYS.get(2)).signature())),
            Problem.BAD_SIGNATURE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verify(Case c) {
    CertificateResult result = c.cert().verify(SET, CHAIN);
    assertThat(result.problem()).as(result.detail()).isEqualTo(c.expected());
    assertThat(result.isValid()).isEqualTo(c.expected() == null);
  }

  @Test
  void verifyForChecksHeightAndHash() {
    CommitCertificate good =
        cert(precommit(KEYS.get(0)), precommit(KEYS.get(1)), precommit(KEYS.get(3)));
    BlockHeader other =
        new BlockHeader(
            1,
            CHAIN,
            HEIGHT,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            0,
            PublicKey.of(new byte[32]),
            ROUND,
            Hash32.ZERO,
            Hash32.ZERO);
    assertThat(good.verifyFor(other, SET).problem()).isEqualTo(Problem.WRONG_BLOCK);
    assertThat(good.verify(SET, CHAIN).signedPower()).isEqualTo(4);
  }
}
