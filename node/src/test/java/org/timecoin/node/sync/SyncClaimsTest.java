package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.Status;

/** A claimed height is a claim: ranges not served in time cost the peer, and liars are given up. */
class SyncClaimsTest {
  static final long LIE = 1L << 62;
  final SyncFixture f = new SyncFixture();
  final PublicKey liar = SyncFixture.key(1);
  final PublicKey honest = SyncFixture.key(2);
  final Duration pastDeadline = SyncFixture.LIMITS.rangeDeadline().plusSeconds(1);

  @AfterEach
  void close() {
    f.close();
  }

  GetBlocks lastRequest() {
    return f.net.sentOf(NodeMessages.GET_BLOCKS).getLast();
  }

  PublicKey lastRequestedPeer() {
    return f.net.sent.stream()
        .filter(s -> s.message() instanceof GetBlocks)
        .reduce((a, b) -> b)
        .orElseThrow()
        .to();
  }

  void missDeadline() {
    f.clock.advance(pastDeadline);
    f.sync.tick();
  }

  @Test
  void aRangeNotServedInTimeCostsThePeerAndGoesToAnother() {
    f.net.deliver(liar, NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    f.sync.tick();
    assertThat(lastRequestedPeer()).isEqualTo(liar);
    f.net.deliver(honest, NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    f.net.sent.clear();
    missDeadline();
    assertThat(f.net.penalties)
        .singleElement()
        .asString()
        .startsWith(liar.toHex())
        .contains("did not serve blocks 1..5 within 5000 ms");
    assertThat(lastRequestedPeer()).isEqualTo(honest);
    assertThat(lastRequest().from()).isEqualTo(1);
    assertThat(f.sync.rangesMissed()).isEqualTo(1);
    assertThat(f.sync.gaveUpOn(liar)).isFalse();
  }

  @Test
  void blocksFromAPeerThatWasNotAskedAreIgnoredWithoutPenalty() {
    f.net.deliver(liar, NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    f.sync.tick();
    f.net.deliver(honest, NodeMessages.BLOCKS, new Blocks(f.chain));
    assertThat(f.sync.provenHeight()).isZero();
    assertThat(f.net.penalties).isEmpty();
    assertThat(f.target.chain.height()).isZero();
  }

  @Test
  void aPeerClaimingAHeightItNeverServesIsGivenUpAndTheNodeStopsSyncing() {
    f.net.connect(FakeNetwork.peer(liar, LIE)); // its handshake claimed the height too
    f.net.deliver(liar, NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
    f.sync.tick();
    assertThat(f.sync.syncing()).isTrue();
    assertThat(f.sync.bestPeerHeight()).isEqualTo(LIE);
    for (int i = 0; i < SyncFixture.LIMITS.maxMisses(); i++) {
      missDeadline();
    }
    assertThat(f.sync.gaveUpOn(liar)).isTrue();
    assertThat(f.net.penalties)
        .hasSize(SyncFixture.LIMITS.maxMisses())
        .allMatch(p -> p.startsWith(liar.toHex()));
    assertThat(f.sync.syncing()).isFalse();
    assertThat(f.sync.bestPeerHeight()).isZero();
    assertThat(f.sync.provenHeight()).isZero();
    assertThat(f.caughtUp).contains(0L);
    f.net.sent.clear();
    missDeadline();
    assertThat(f.net.sentOf(NodeMessages.GET_BLOCKS)).isEmpty();
    assertThat(f.net.penalties).hasSize(SyncFixture.LIMITS.maxMisses());
  }

  @Test
  void aGivenUpPeerStaysGivenUpWhenItReconnectsUntilThePeriodEnds() {
    f.net.deliver(liar, NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
    f.sync.tick();
    for (int i = 0; i < SyncFixture.LIMITS.maxMisses(); i++) {
      missDeadline();
    }
    f.sync.forget(liar); // disconnected
    f.net.deliver(liar, NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
    f.sync.tick();
    assertThat(f.sync.syncing()).isFalse();
    f.clock.advance(SyncFixture.LIMITS.giveUpFor());
    f.sync.tick();
    assertThat(f.sync.gaveUpOn(liar)).isFalse();
    assertThat(f.sync.syncing()).isTrue();
  }

  @Test
  void missesSurviveAReconnection() {
    f.net.deliver(liar, NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
    f.sync.tick();
    for (int i = 1; i < SyncFixture.LIMITS.maxMisses(); i++) {
      missDeadline();
    }
    f.sync.forget(liar); // disconnected, then back with the same claim
    f.net.deliver(liar, NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
    f.sync.tick();
    assertThat(f.sync.gaveUpOn(liar)).isFalse();
    missDeadline();
    assertThat(f.sync.gaveUpOn(liar)).isTrue();
  }

  @Test
  void aPeerThatServesOtherRangesIsNotBlamedForOneItDropped() {
    BlockSync narrow =
        new BlockSync(
            f.target.chain,
            f.net,
            f.caughtUp::add,
            f.stops::add,
            f.timer,
            f.clock,
            8 << 20,
            SyncFixture.LIMITS,
            1,
            20);
    new SyncHandler(narrow, f.net).register(Runnable::run);
    f.net.deliver(honest, NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    narrow.tick();
    assertThat(f.net.sentOf(NodeMessages.GET_BLOCKS)).hasSize(5);
    f.net.deliver(honest, NodeMessages.BLOCKS, new Blocks(f.chain.subList(0, 1)));
    f.net.sent.clear();
    f.clock.advance(pastDeadline);
    narrow.tick();
    assertThat(f.net.penalties).isEmpty();
    assertThat(narrow.rangesMissed()).isZero();
    assertThat(f.net.sentOf(NodeMessages.GET_BLOCKS))
        .extracting(GetBlocks::from)
        .containsExactly(2L, 3L, 4L, 5L);
    narrow.close();
  }

  @Test
  void servedBlocksProveAHeightAndClaimsDoNot() {
    f.net.deliver(honest, NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    f.sync.tick();
    assertThat(f.sync.provenHeight()).isZero();
    f.net.deliver(honest, NodeMessages.BLOCKS, new Blocks(f.chain));
    assertThat(f.sync.provenHeight()).isEqualTo(5);
    f.net.deliver(liar, NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
    f.sync.tick();
    assertThat(f.sync.bestPeerHeight()).isEqualTo(LIE);
    assertThat(f.sync.provenHeight()).isEqualTo(5);
    await().atMost(Duration.ofSeconds(20)).until(() -> f.target.chain.height() == 5);
  }
}
