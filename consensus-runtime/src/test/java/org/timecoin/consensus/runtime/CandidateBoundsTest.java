package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.VoteType;

/**
 * Candidate blocks and next-height messages stay within their shares; none of the rest is logged.
 */
class CandidateBoundsTest {
  @TempDir(factory = FastTempDirs.class)
  Path dir;

  final TestChain four = new TestChain(4);

  @Test
  void aProposerBeyondItsShareOfBlocksIsDroppedPerHeightAndPerProposer() {
    CandidateBlocks<Block> c = new CandidateBlocks<>(1 << 20, BlockKind.CHAIN);
    var proposer = four.keys.get(1).publicKey();
    for (int r = 0; r < CandidateBlocks.MAX_PER_PROPOSER; r++) {
      assertThat(c.add(four.block(2, r, 1, Hash32.ZERO, r), proposer))
          .isEqualTo(CandidateBlocks.Added.ADDED);
    }
    assertThat(c.add(four.block(2, 99, 1, Hash32.ZERO, 99), proposer))
        .isEqualTo(CandidateBlocks.Added.PROPOSER_FULL);
    assertThat(c.add(four.block(2, 0, 1, Hash32.ZERO, 0), proposer))
        .as("a block held already stays usable")
        .isEqualTo(CandidateBlocks.Added.KNOWN);
    assertThat(c.add(four.block(3, 0, 1, Hash32.ZERO, 0), proposer))
        .as("the share is per height")
        .isEqualTo(CandidateBlocks.Added.ADDED);
    var other = four.keys.get(2).publicKey();
    assertThat(c.add(four.block(2, 1, 2, Hash32.ZERO, 1), other))
        .as("another proposer has its own share")
        .isEqualTo(CandidateBlocks.Added.ADDED);
  }

  @Test
  void theShareCountsBytesToo() {
    Block b = four.block(2, 0, 1, Hash32.ZERO, 0);
    CandidateBlocks<Block> c = new CandidateBlocks<>(2L * b.encodedSize(), BlockKind.CHAIN);
    var proposer = four.keys.get(1).publicKey();
    assertThat(c.add(b, proposer)).isEqualTo(CandidateBlocks.Added.ADDED);
    assertThat(c.add(four.block(2, 1, 1, Hash32.ZERO, 1), proposer))
        .isEqualTo(CandidateBlocks.Added.ADDED);
    assertThat(c.add(four.block(2, 2, 1, Hash32.ZERO, 2), proposer))
        .isEqualTo(CandidateBlocks.Added.PROPOSER_FULL);
    assertThat(c.bytes()).isEqualTo(2L * b.encodedSize());
    c.dropBelow(3);
    assertThat(c.size()).isZero();
    assertThat(c.bytes()).isZero();
  }

  @Test
  void theHeightBoundHoldsAcrossProposers() {
    CandidateBlocks<Block> c = new CandidateBlocks<>(1 << 20, BlockKind.CHAIN);
    int added = 0;
    for (int r = 0; r < 200; r++) {
      int signer = r % 4;
      if (c.add(four.block(2, r, signer, Hash32.ZERO, r), four.keys.get(signer).publicKey())
          .held()) {
        added++;
      }
    }
    assertThat(added).isEqualTo(Math.min(CandidateBlocks.MAX_PER_HEIGHT, 4 * 8));
    assertThat(c.addOwn(four.block(2, 500, 0, Hash32.ZERO, 500))).as("own blocks always").isTrue();
  }

  long walBytes() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("wal"))) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Test
  void aByzantineProposerAheadOfUsHoldsOnlyItsShareAndNothingFartherIsKeptOrLogged()
      throws IOException {
    int self = four.nonProposerIndex(1);
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, self, dir);
    f.start(1);
    int byzantine = (self + 1) % 4;
    int sent = 0;
    for (int r = 0; r < 400; r++) {
      if (four.proposerIndex(2, r) == byzantine) {
        f.deliverProposal(byzantine, four.block(2, r, byzantine, Hash32.ZERO, r), -1);
        sent++;
      }
    }
    long walAfterNextHeight = walBytes();
    for (long h = 3; h < 300; h++) {
      f.deliverProposal(
          four.proposerIndex(h, 0), four.block(h, 0, four.proposerIndex(h, 0), Hash32.ZERO, h), -1);
      f.runtime.submitVote(four.vote(byzantine, VoteType.PREVOTE, h, 0, null));
      f.settle();
    }
    ConsensusHoldings held = f.runtime.holdings();
    assertThat(sent).isGreaterThan(CandidateBlocks.MAX_PER_PROPOSER);
    assertThat(held.candidateBlocks()).isLessThanOrEqualTo(CandidateBlocks.MAX_PER_PROPOSER + 1);
    assertThat(held.refusedCandidates()).isPositive();
    assertThat(held.ignoredNetworkInputs()).isGreaterThanOrEqualTo(2 * 297);
    assertThat(held.bufferedInputs()).isLessThanOrEqualTo(CandidateBlocks.MAX_PER_PROPOSER);
    assertThat(walBytes()).as("nothing of the far heights is logged").isEqualTo(walAfterNextHeight);
    f.runtime.close();
  }

  @Test
  void replayedVotesOfTheCurrentHeightAreLoggedOnce() throws IOException {
    int self = four.nonProposerIndex(1);
    SingleRuntimeFixture f = new SingleRuntimeFixture(four, self, dir);
    f.start(1);
    int other = (self + 1) % 4;
    var vote = four.vote(other, VoteType.PREVOTE, 1, 0, null);
    f.runtime.submitVote(vote);
    f.settle();
    long once = walBytes();
    for (int i = 0; i < 1_000; i++) {
      f.runtime.submitVote(vote);
      f.runtime.submitVote(four.vote(other, VoteType.PREVOTE, 0, 0, null));
    }
    f.settle();
    assertThat(walBytes()).isEqualTo(once);
    f.runtime.close();
  }
}
