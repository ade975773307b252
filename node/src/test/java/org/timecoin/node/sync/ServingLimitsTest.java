package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.node.net.SyncMessages.StateRoot;

/** Block ranges and state roots are served within a per-peer byte budget and a range cap. */
class ServingLimitsTest {
  final SyncFixture f = new SyncFixture();
  final PublicKey flooder = SyncFixture.key(1);

  @AfterEach
  void close() {
    f.close();
  }

  /** A server of the source chain whose budget covers one answer, refilled at 1 byte/s. */
  BlockSync tightServer() {
    return f.server(
        new SyncLimits(
            SyncFixture.LIMITS.rangeDeadline(),
            3,
            SyncFixture.LIMITS.giveUpFor(),
            1,
            1,
            2,
            SyncFixture.LIMITS.budgetMemory()));
  }

  @Test
  void aRangeIsServedUpToTheCapOnItsLength() {
    tightServer();
    f.net.deliver(flooder, NodeMessages.GET_BLOCKS, new GetBlocks(1, 100));
    Blocks sent = f.net.sentOf(NodeMessages.BLOCKS).getFirst();
    assertThat(sent.blocks()).extracting(b -> b.block().height()).containsExactly(1L, 2L);
  }

  @Test
  void aRangeAboveOurTipGetsNoAnswerAndCostsNoBudget() {
    BlockSync server = tightServer();
    for (int i = 0; i < 5; i++) {
      f.net.deliver(flooder, NodeMessages.GET_BLOCKS, new GetBlocks(6, 10));
    }
    assertThat(f.net.sentOf(NodeMessages.BLOCKS)).isEmpty();
    f.net.deliver(flooder, NodeMessages.GET_BLOCKS, new GetBlocks(5, 10));
    assertThat(f.net.sentOf(NodeMessages.BLOCKS)).hasSize(1);
    assertThat(server.requestsDroppedOverBudget()).isZero();
  }

  @Test
  void requestsBeyondTheBudgetAreDroppedCountedAndGrossExcessPenalized() {
    BlockSync server = tightServer();
    f.net.deliver(flooder, NodeMessages.GET_BLOCKS, new GetBlocks(1, 2));
    for (int i = 0; i < ServingBudget.GROSS_DROPS; i++) {
      f.net.deliver(flooder, NodeMessages.GET_BLOCKS, new GetBlocks(1, 2));
    }
    assertThat(f.net.sentOf(NodeMessages.BLOCKS)).hasSize(1);
    assertThat(server.requestsDroppedOverBudget()).isEqualTo(ServingBudget.GROSS_DROPS);
    assertThat(f.net.penalties)
        .singleElement()
        .asString()
        .contains("asked for blocks far beyond its budget");
  }

  @Test
  void reconnectingDoesNotRefillTheBudget() {
    BlockSync server = tightServer();
    f.net.connect(FakeNetwork.peer(flooder, 0));
    f.net.deliver(flooder, NodeMessages.GET_BLOCKS, new GetBlocks(1, 2));
    server.forget(flooder); // disconnected, then back
    f.net.connect(FakeNetwork.peer(flooder, 0));
    f.net.deliver(flooder, NodeMessages.GET_BLOCKS, new GetBlocks(1, 2));
    assertThat(f.net.sentOf(NodeMessages.BLOCKS)).hasSize(1);
    assertThat(server.requestsDroppedOverBudget()).isEqualTo(1);
  }

  @Test
  void stateRootQuestionsBeyondTheBudgetAreDropped() {
    BlockSync server = tightServer();
    f.net.deliver(flooder, NodeMessages.GET_STATE_ROOT, new GetStateRoot(1));
    f.net.deliver(flooder, NodeMessages.GET_STATE_ROOT, new GetStateRoot(2));
    assertThat(f.net.sentOf(NodeMessages.STATE_ROOT))
        .extracting(StateRoot::height)
        .containsExactly(1L);
    assertThat(server.requestsDroppedOverBudget()).isEqualTo(1);
  }

  @Test
  void aStateRootNobodyAskedForIsIgnored() {
    var genesis = f.target.chain.tipHeader();
    f.net.deliver(
        flooder,
        NodeMessages.STATE_ROOT,
        new StateRoot(0, true, genesis.hash(), org.timecoin.common.Hash32.ZERO));
    assertThat(f.sync.distrustedPeers()).isZero();
  }
}
