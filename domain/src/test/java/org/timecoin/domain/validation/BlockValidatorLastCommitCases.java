package org.timecoin.domain.validation;

import static org.timecoin.domain.validation.BlockValidatorTest.F;
import static org.timecoin.domain.validation.BlockValidatorTest.flipped;
import static org.timecoin.domain.validation.BlockValidatorTest.header;
import static org.timecoin.domain.validation.BlockValidatorTest.reject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.validation.BlockValidatorTest.Case;

/** The rows of {@link BlockValidatorTest}'s table about lastCommit, header hashes and issuance. */
final class BlockValidatorLastCommitCases {
  private BlockValidatorLastCommitCases() {}

  /** Cases of the lastCommit, the header's hashes, and the issuance paid by the coinbase. */
  static Stream<Case> cases(Block good) {
    BlockHeader h = good.header();
    Block one = F.block(List.of());
    BlockHeader h1 = one.header();
    BlockContext on1 = F.contextOn(h1);
    long t2 = h1.timestamp() + 1_000;
    LastCommit full = LastCommit.of(F.certify(h1, 0, F.validatorKeys));
    Block two = F.blockOn(h1, full, List.of(), F.proposer(), t2);
    Block twoRound3 =
        F.blockOn(
            h1, LastCommit.of(F.certify(h1, 3, F.validatorKeys)), List.of(), F.proposer(), t2);
    Block oneWithCommit = F.withRootsOn(F.parent, full, one.txs(), F.proposer(), h.timestamp());
    Block twoWithoutCommit = F.blockOn(h1, LastCommit.empty(), List.of(), F.proposer(), t2);
    Block twoWithoutQuorum =
        F.blockOn(
            h1,
            LastCommit.of(F.certify(h1, 0, F.validatorKeys.subList(0, 2))),
            List.of(),
            F.proposer(),
            t2);
    List<KeyPair> withOutsider = new ArrayList<>(F.validatorKeys);
    withOutsider.add(F.users.get(0));
    Block twoWithOutsider =
        F.blockOn(h1, LastCommit.of(F.certify(h1, 0, withOutsider)), List.of(), F.proposer(), t2);
    List<CommitSignature> doubled = new ArrayList<>(full.signatures());
    doubled.add(full.signatures().get(0));
    Block twoWithSignerTwice =
        F.blockOn(h1, new LastCommit(0, doubled), List.of(), F.proposer(), t2);
    List<CommitSignature> forged = new ArrayList<>(full.signatures());
    CommitSignature last = forged.get(2);
    forged.set(2, new CommitSignature(last.validator(), flipped(last.signature())));
    Block twoWithForgery = F.blockOn(h1, new LastCommit(0, forged), List.of(), F.proposer(), t2);
    BlockHeader sibling = F.block(List.of(), F.proposer(), h1.timestamp() + 1).header();
    Block twoWithSiblingsCommit =
        F.blockOn(
            h1, LastCommit.of(F.certify(sibling, 0, F.validatorKeys)), List.of(), F.proposer(), t2);
    BlockContext otherParentSet =
        new BlockContext(
            F.chainId,
            h1,
            F.validators,
            CoinbaseRule.allMembers(F.validators),
            F.validators.hash(),
            new ValidatorSet(
                List.of(
                    new Validator(
                        F.users.get(0).publicKey(),
                        1,
                        Tier.GOLD,
                        ChainFixture.address(F.users.get(0))))),
            F.params,
            on1.nowMillis());
    Block twoSwappedCommit = new Block(two.header(), twoRound3.lastCommit(), two.txs());
    Set<PublicKey> goldOnly = Set.of(keyOf(Tier.GOLD));
    BlockContext goldActive =
        new BlockContext(
            F.chainId,
            h1,
            F.validators,
            goldOnly,
            F.validators.hash(),
            F.validators,
            F.params,
            on1.nowMillis());
    long reward2 = Issuance.reward(F.params, h1.timestamp(), t2);
    Block paysGoldOnly =
        F.withRootsIn(
            goldActive,
            full,
            List.of(CoinbaseRule.coinbase(2, reward2, F.validators, goldOnly, F.proposer(), t2)),
            F.proposer(),
            t2);
    Block fullPeriodForOneSecond =
        F.withRoots(
            List.of(
                CoinbaseRule.coinbase(
                    1,
                    F.params.issuancePerPeriod(),
                    F.validators,
                    CoinbaseRule.allMembers(F.validators),
                    F.proposer(),
                    h1.timestamp())),
            F.proposer(),
            h1.timestamp());

    return Stream.of(
        new Case("block 2 carrying the parent's certificate", two, on1, F.view(), null, -1),
        new Case("certificate decided in round 3", twoRound3, on1, F.view(), null, -1),
        new Case(
            "coinbase paying the active members only",
            paysGoldOnly,
            goldActive,
            F.view(),
            null,
            -1),
        reject("block 1 carrying a lastCommit", oneWithCommit, Rejection.BAD_LAST_COMMIT, -1),
        new Case(
            "block 2 without a lastCommit",
            twoWithoutCommit,
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT,
            -1),
        new Case(
            "lastCommit without a quorum",
            twoWithoutQuorum,
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT,
            -1),
        new Case(
            "lastCommit signed by a non-member",
            twoWithOutsider,
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT,
            -1),
        new Case(
            "lastCommit with a signer twice",
            twoWithSignerTwice,
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT,
            -1),
        new Case(
            "lastCommit with a forged signature",
            twoWithForgery,
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT,
            -1),
        new Case(
            "lastCommit certifying a sibling of the parent",
            twoWithSiblingsCommit,
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT,
            -1),
        new Case(
            "lastCommit not from the parent's set",
            two,
            otherParentSet,
            F.view(),
            Rejection.BAD_LAST_COMMIT,
            -1),
        new Case(
            "lastCommit swapped for another under the same header",
            twoSwappedCommit,
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT_HASH,
            -1),
        new Case(
            "lastCommitHash of nothing",
            header(two, x -> rehash(x, x.nextValidatorsHash(), Hash32.ZERO)),
            on1,
            F.view(),
            Rejection.BAD_LAST_COMMIT_HASH,
            -1),
        reject(
            "nextValidatorsHash not the next set's",
            header(good, x -> rehash(x, Hash32.ZERO, x.lastCommitHash())),
            Rejection.BAD_NEXT_VALIDATORS_HASH,
            -1),
        new Case(
            "coinbase paying an inactive member",
            two,
            goldActive,
            F.view(),
            Rejection.BAD_COINBASE,
            0),
        reject(
            "coinbase paying a full period for one second",
            fullPeriodForOneSecond,
            Rejection.BAD_COINBASE,
            0));
  }

  static BlockHeader rehash(BlockHeader h, Hash32 nextValidators, Hash32 lastCommit) {
    return new BlockHeader(
        h.version(),
        h.chainId(),
        h.height(),
        h.prevHash(),
        h.txRoot(),
        h.stateRoot(),
        h.timestamp(),
        h.proposer(),
        h.round(),
        nextValidators,
        lastCommit);
  }

  static PublicKey keyOf(Tier tier) {
    return F.validators.validators().stream()
        .filter(v -> v.tier() == tier)
        .findFirst()
        .orElseThrow()
        .key();
  }
}
