package org.timecoin.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Step;
import org.timecoin.consensus.runtime.ConsensusStatus;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;

class ConsensusHandlerTest {
  static ConsensusStatus at(long height, int round) {
    return new ConsensusStatus(
        height,
        round,
        Step.PROPOSE,
        null,
        true,
        -1,
        null,
        -1,
        -1,
        -1,
        Map.of(),
        0,
        0,
        null,
        List.of());
  }

  @Test
  void proposalsAndVotesArriveOnALaneOfTheirOwn() {
    FakeNetwork net = new FakeNetwork(KeyPair.fromSeed(Sha256.digest("n".getBytes())).publicKey());
    try (ConsensusHandler handler =
        new ConsensusHandler(
            net,
            null,
            h -> null,
            () -> 0,
            MessageVerifier.PREVERIFIED,
            Runnable::run,
            1_000_000,
            NodeMessages.perPeerLimit(100),
            new org.timecoin.node.chain.LateCommits(),
            new ProposalSender(net, true))) {
      handler.register();
      Executor proposals = net.lanes.get(NodeMessages.PROPOSAL.id());
      assertThat(proposals).isNotNull();
      assertThat(net.lanes.get(NodeMessages.VOTE.id())).isSameAs(proposals);
      assertThat(net.lanes).containsOnlyKeys(NodeMessages.PROPOSAL.id(), NodeMessages.VOTE.id());
    }
  }

  @Test
  void thePositionIsConsensusOrTheStoredTipPlusOneWhicheverIsFurther() {
    AtomicReference<ConsensusStatus> status = new AtomicReference<>(at(8, 3));
    AtomicLong tip = new AtomicLong(7);
    ConsensusPosition p = ConsensusHandler.position(status::get, tip::get);
    assertThat(p.height()).isEqualTo(8);
    assertThat(p.round()).isEqualTo(3);

    tip.set(8); // height 8 decided and stored; consensus waits to start 9
    assertThat(p.height()).isEqualTo(9);
    assertThat(p.round()).isZero();

    status.set(at(0, 0)); // not started yet
    assertThat(p.height()).isEqualTo(9);
    assertThat(p.round()).isZero();
  }
}
