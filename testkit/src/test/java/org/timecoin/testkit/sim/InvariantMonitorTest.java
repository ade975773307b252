package org.timecoin.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.PublicKey;

class InvariantMonitorTest {
  private final Map<Hash32, SyntheticBlock> blocks = new HashMap<>();
  private final InvariantMonitor monitor = new InvariantMonitor(blocks);
  private final PublicKey alice = PublicKey.of(new byte[32]);
  private final SyntheticBlock a = block(1, 0, true);
  private final SyntheticBlock b = block(1, 1, true);

  private SyntheticBlock block(long height, int variant, boolean valid) {
    SyntheticBlock blk = SyntheticBlock.build(height, 0, 0, variant, valid);
    blocks.put(blk.hash(), blk);
    return blk;
  }

  private Vote vote(VoteType type, int round, Hash32 value) {
    return new Vote(type, 1, round, value, alice, new byte[64]);
  }

  @Test
  void agreeingFinalizationsAreFine() {
    monitor.honestFinalized("n0", 1, a.hash());
    monitor.honestFinalized("n1", 1, a.hash());
    assertThat(monitor.violations()).isEmpty();
    assertThat(monitor.agreesWith(1, a.hash())).isTrue();
    assertThat(monitor.finalizedValue(1)).isEqualTo(a.hash());
  }

  @Test
  void twoBlocksAtOneHeightBreakAgreement() {
    monitor.honestFinalized("n0", 1, a.hash());
    monitor.honestFinalized("n1", 1, b.hash());
    assertThat(monitor.violations()).singleElement().asString().startsWith("agreement");
  }

  @Test
  void anInvalidBlockBreaksValidity() {
    SyntheticBlock bad = block(1, 2, false);
    monitor.honestFinalized("n0", 1, bad.hash());
    assertThat(monitor.violations()).singleElement().asString().startsWith("validity");
  }

  @Test
  void aBlockBuiltForAnotherHeightBreaksValidity() {
    monitor.honestFinalized("n0", 2, a.hash());
    assertThat(monitor.violations()).singleElement().asString().contains("invalid block");
  }

  @Test
  void aValueNobodyBuiltBreaksValidity() {
    monitor.honestFinalized("n0", 1, Hash32.ZERO);
    assertThat(monitor.violations()).singleElement().asString().contains("unknown value");
  }

  @Test
  void sendingTheSameVoteTwiceIsNotEquivocation() {
    monitor.honestVote(vote(VoteType.PREVOTE, 0, a.hash()));
    monitor.honestVote(vote(VoteType.PREVOTE, 0, a.hash()));
    monitor.honestVote(vote(VoteType.PRECOMMIT, 0, null));
    monitor.honestVote(vote(VoteType.PREVOTE, 1, b.hash()));
    assertThat(monitor.violations()).isEmpty();
  }

  @Test
  void twoVotesForOneSlotAreEquivocation() {
    monitor.honestVote(vote(VoteType.PREVOTE, 0, a.hash()));
    monitor.honestVote(vote(VoteType.PREVOTE, 0, null));
    assertThat(monitor.violations()).singleElement().asString().contains("equivocated");
  }

  @Test
  void twoProposalsForOneRoundAreEquivocation() {
    monitor.honestProposal(new Proposal(1, 0, a.hash(), -1, alice, new byte[64]));
    monitor.honestProposal(new Proposal(1, 0, b.hash(), -1, alice, new byte[64]));
    assertThat(monitor.violations()).singleElement().asString().contains("PROPOSAL");
  }
}
