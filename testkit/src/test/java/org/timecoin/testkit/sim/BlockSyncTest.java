package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.testkit.sim.SimMessage.CatchUpMsg;

class BlockSyncTest {
  private static final Hash32 CHAIN = Hash32.fromHex("11".repeat(32));
  private final SimKeys keys = new SimKeys(5, CHAIN, false);
  private final ValidatorSet validators = validatorsOf(keys, 4);
  private final SyntheticBlock block = SyntheticBlock.build(7, 2, 1, 0, true);

  private static ValidatorSet validatorsOf(SimKeys keys, int n) {
    List<Validator> set = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PublicKey k = keys.publicKey(i);
      set.add(new Validator(k, 1, Tier.FREE, Address.fromPublicKey(k)));
    }
    return new ValidatorSet(set);
  }

  private Vote precommit(SimKeys by, int signer, VoteType type, long height, int round, Hash32 v) {
    byte[] bytes = MessageSigning.voteSignBytes(CHAIN, type, height, round, v);
    return new Vote(type, height, round, v, by.publicKey(signer), by.signer(signer).sign(bytes));
  }

  private Vote good(int signer) {
    return precommit(keys, signer, VoteType.PRECOMMIT, 7, 2, block.hash());
  }

  private boolean verifies(SyntheticBlock b, Vote... precommits) {
    return BlockSync.verifies(
        new CatchUpMsg(7, 2, b, List.of(precommits)), validators, keys.verifier());
  }

  @Test
  void acceptsPrecommitsOfMoreThanTwoThirds() {
    assertThat(verifies(block, good(0), good(1), good(2))).isTrue();
  }

  @Test
  void refusesTwoThirdsOrLess() {
    assertThat(verifies(block, good(0), good(1))).isFalse();
  }

  @Test
  void countsASignerOnce() {
    assertThat(verifies(block, good(0), good(1), good(1))).isFalse();
  }

  @Test
  void refusesVotesForSomethingElse() {
    Hash32 other = SyntheticBlock.build(7, 2, 1, 1, true).hash();
    assertThat(
            verifies(block, good(0), good(1), precommit(keys, 2, VoteType.PRECOMMIT, 7, 2, other)))
        .isFalse();
    assertThat(
            verifies(
                block, good(0), good(1), precommit(keys, 2, VoteType.PREVOTE, 7, 2, block.hash())))
        .isFalse();
    assertThat(
            verifies(
                block,
                good(0),
                good(1),
                precommit(keys, 2, VoteType.PRECOMMIT, 6, 2, block.hash())))
        .isFalse();
    assertThat(
            verifies(
                block,
                good(0),
                good(1),
                precommit(keys, 2, VoteType.PRECOMMIT, 7, 1, block.hash())))
        .isFalse();
  }

  @Test
  void refusesNonValidatorsAndForgedSignatures() {
    Vote outsider = good(4);
    assertThat(verifies(block, good(0), good(1), outsider)).isFalse();
    Vote g = good(2);
    Vote forged = new Vote(g.type(), g.height(), g.round(), g.value(), g.validator(), new byte[64]);
    assertThat(verifies(block, good(0), good(1), forged)).isFalse();
  }

  @Test
  void refusesAnInvalidOrMissingBlock() {
    SyntheticBlock invalid = SyntheticBlock.build(7, 2, 1, 0, false);
    Vote[] forInvalid = {
      precommit(keys, 0, VoteType.PRECOMMIT, 7, 2, invalid.hash()),
      precommit(keys, 1, VoteType.PRECOMMIT, 7, 2, invalid.hash()),
      precommit(keys, 2, VoteType.PRECOMMIT, 7, 2, invalid.hash())
    };
    assertThat(verifies(invalid, forInvalid)).isFalse();
    assertThat(verifies(null, good(0), good(1), good(2))).isFalse();
  }

  @Test
  void aCertificateIsCheckedAgainstTheSetOfItsHeight() {
    // Epochs of 3 heights: validators 0-3, then (epoch 2, heights 7-9) 1, 2 and 4.
    ValidatorSchedule schedule =
        new ValidatorSchedule(
            3, List.of(List.of(0, 1, 2, 3), List.of(0, 1, 2, 3), List.of(1, 2, 4)));
    ValidatorSet epoch2 = setOf(schedule.membersAt(7));
    ValidatorSet genesis = setOf(schedule.membersAt(1));
    CatchUpMsg byOldSet = new CatchUpMsg(7, 2, block, List.of(good(0), good(1), good(3)));
    assertThat(BlockSync.verifies(byOldSet, genesis, keys.verifier())).isTrue();
    assertThat(BlockSync.verifies(byOldSet, epoch2, keys.verifier()))
        .as("signed by the wrong set for height 7")
        .isFalse();
    CatchUpMsg byNewSet = new CatchUpMsg(7, 2, block, List.of(good(1), good(2), good(4)));
    assertThat(BlockSync.verifies(byNewSet, epoch2, keys.verifier())).isTrue();
    assertThat(BlockSync.verifies(byNewSet, genesis, keys.verifier())).isFalse();
  }

  private ValidatorSet setOf(List<Integer> members) {
    List<Validator> set = new ArrayList<>();
    for (int i : members) {
      PublicKey k = keys.publicKey(i);
      set.add(new Validator(k, 1, Tier.BRONZE, Address.fromPublicKey(k)));
    }
    return new ValidatorSet(set);
  }
}
