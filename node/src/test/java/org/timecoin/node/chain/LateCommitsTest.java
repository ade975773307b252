package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;

class LateCommitsTest {
  static final Hash32 CHAIN = Hash32.of(Sha256.digest("late commits chain".getBytes()));
  static final Hash32 BLOCK = Hash32.of(Sha256.digest("block 7".getBytes()));
  static final List<KeyPair> KEYS = new ArrayList<>();
  static final ValidatorSet SET;

  static {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      KeyPair k = KeyPair.fromSeed(Sha256.digest(("late " + i).getBytes()));
      KEYS.add(k);
      vs.add(new Validator(k.publicKey(), 1, Tier.BRONZE, Address.fromPublicKey(k.publicKey())));
    }
    SET = new ValidatorSet(vs);
  }

  final LateCommits late = new LateCommits();

  static Vote precommit(int signer, long height, int round, Hash32 value) {
    KeyPair k = KEYS.get(signer);
    byte[] sig =
        k.sign(MessageSigning.voteSignBytes(CHAIN, VoteType.PRECOMMIT, height, round, value));
    return new Vote(VoteType.PRECOMMIT, height, round, value, k.publicKey(), sig);
  }

  /** Block 7 decided in round 2 by the first quorum: validators 0..4 (5 of 6 > 2/3). */
  static CommitCertificate quorumOfFive() {
    List<CommitSignature> sigs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Vote v = precommit(i, 7, 2, BLOCK);
      sigs.add(new CommitSignature(v.validator(), v.signature()));
    }
    return new CommitCertificate(7, 2, BLOCK, sigs);
  }

  @Test
  void theNextLastCommitCarriesTheLatePrecommitAndIsAValidCertificate() {
    CommitCertificate stored = quorumOfFive();
    late.onBlockStored(null, stored);
    Vote sixth = precommit(5, 7, 2, BLOCK);
    assertThat(late.wants(sixth)).isTrue();

    late.add(sixth);

    LastCommit next = late.extend(stored);
    assertThat(next.round()).isEqualTo(2);
    assertThat(next.signatures()).hasSize(6);
    assertThat(next.signatures().get(5).validator()).isEqualTo(KEYS.get(5).publicKey());
    var result = next.toCertificate(7, BLOCK).verify(SET, CHAIN);
    assertThat(result.isValid()).as(result.toString()).isTrue();
    assertThat(result.signedPower()).isEqualTo(6);
  }

  @Test
  void onlyNewSignersOfTheCertificatesRoundAndBlockAreWanted() {
    late.onBlockStored(null, quorumOfFive());
    Hash32 other = Hash32.of(Sha256.digest("another block".getBytes()));
    Vote prevote =
        new Vote(
            VoteType.PREVOTE,
            7,
            2,
            BLOCK,
            KEYS.get(5).publicKey(),
            precommit(5, 7, 2, BLOCK).signature());

    assertThat(late.wants(precommit(0, 7, 2, BLOCK))).as("already in the certificate").isFalse();
    assertThat(late.wants(precommit(5, 7, 1, BLOCK))).as("another round").isFalse();
    assertThat(late.wants(precommit(5, 7, 2, other))).as("another block").isFalse();
    assertThat(late.wants(precommit(5, 6, 2, BLOCK))).as("another height").isFalse();
    assertThat(late.wants(prevote)).as("a prevote").isFalse();
    late.add(precommit(5, 7, 2, BLOCK));
    assertThat(late.wants(precommit(5, 7, 2, BLOCK))).as("held already").isFalse();
    assertThat(late.size()).isEqualTo(1);
  }

  @Test
  void aNewTipForgetsTheLatePrecommitsOfTheOldOne() {
    CommitCertificate stored = quorumOfFive();
    late.onBlockStored(null, stored);
    late.add(precommit(5, 7, 2, BLOCK));
    Hash32 block8 = Hash32.of(Sha256.digest("block 8".getBytes()));
    CommitCertificate next =
        new CommitCertificate(
            8,
            0,
            block8,
            List.of(
                new CommitSignature(
                    KEYS.get(0).publicKey(), precommit(0, 8, 0, block8).signature())));

    late.onBlockStored(null, next);

    assertThat(late.size()).isZero();
    assertThat(late.extend(stored)).isEqualTo(LastCommit.of(stored));
    assertThat(late.wants(precommit(5, 7, 2, BLOCK))).isFalse();
  }

  @Test
  void withoutAStoredTipNothingIsWantedAndTheCertificateIsUsedAsItIs() {
    CommitCertificate stored = quorumOfFive();
    assertThat(late.wants(precommit(5, 7, 2, BLOCK))).isFalse();
    assertThat(late.extend(stored)).isEqualTo(LastCommit.of(stored));
  }
}
