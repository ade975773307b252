package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.node.api.SyncView;
import org.timecoin.node.sync.SyncProgress.Sample;
import org.timecoin.node.sync.SyncProgress.Waiting;

class SyncProgressTest {
  final VirtualClock clock = new VirtualClock();
  final SyncProgress progress = new SyncProgress(clock);

  static Sample syncing(long height, long target, Waiting waiting) {
    return new Sample(height, target, height + 64, true, 3, target, waiting);
  }

  static Sample following(long height, long bestClaim) {
    return new Sample(height, height, height, false, 3, bestClaim, null);
  }

  /** Stores {@code perSecond} blocks a second for {@code seconds}, ticking every 200 ms. */
  long syncFor(long from, int seconds, int perSecond, long target) {
    long h = from;
    for (int tick = 0; tick < seconds * 5; tick++) {
      clock.advance(Duration.ofMillis(200));
      h += perSecond / 5;
      progress.observe(syncing(h, target, null));
    }
    return h;
  }

  @Test
  void beforeTheFirstTickTheNodeHasNoPeers() {
    assertThat(progress.view().state()).isEqualTo(SyncView.NO_PEERS);
  }

  @Test
  void withoutPeersItSaysSo() {
    progress.observe(new Sample(10, 10, 10, false, 0, -1, null));
    SyncView v = progress.view();
    assertThat(v.state()).isEqualTo(SyncView.NO_PEERS);
    assertThat(v.warnings()).contains("no peers connected");
  }

  @Test
  void syncingShowsTheRateAndAnEtaThatFalls() {
    progress.observe(syncing(0, 10_000, null));
    long h = syncFor(0, 5, 100, 10_000);
    SyncView early = progress.view();
    assertThat(early.state()).isEqualTo(SyncView.SYNCING);
    assertThat(early.blocksPerSecond()).isCloseTo(100, within(1.0));
    assertThat(early.etaSeconds()).isBetween(95L, 100L);
    assertThat(early.verificationProgress()).isCloseTo(h / 10_000.0, within(1e-9));
    assertThat(early.warnings()).isEmpty();
    syncFor(h, 20, 100, 10_000);
    SyncView later = progress.view();
    assertThat(later.etaSeconds()).isLessThan(early.etaSeconds()).isBetween(75L, 80L);
    assertThat(later.targetHeight()).isEqualTo(10_000);
  }

  @Test
  void bestPeerHeightIsWhatPeersProvedNotWhatTheyClaimed() {
    progress.observe(new Sample(10, 1_000_000, 40, true, 1, 1_000_000, null));
    assertThat(progress.view().bestPeerHeight()).isEqualTo(40);
  }

  @Test
  void caughtUpItFollowsWithFullProgressAndNoEta() {
    progress.observe(following(500, 500));
    SyncView v = progress.view();
    assertThat(v.state()).isEqualTo(SyncView.FOLLOWING);
    assertThat(v.verificationProgress()).isEqualTo(1.0);
    assertThat(v.etaSeconds()).isZero();
    assertThat(v.warnings()).isEmpty();
  }

  @Test
  void syncThatStoresNothingStallsNamingThePeerItWaitsFor() {
    progress.observe(syncing(10, 100, null));
    clock.advance(Duration.ofSeconds(5));
    long asked = clock.monoNanos();
    clock.advance(Duration.ofSeconds(3));
    progress.observe(syncing(10, 100, new Waiting("ab12cd34ef56ab78", 11, 42, asked)));
    assertThat(progress.view().state()).isEqualTo(SyncView.SYNCING);
    clock.advance(SyncProgress.STALL_AFTER);
    progress.observe(syncing(10, 100, new Waiting("ab12cd34ef56ab78", 11, 42, asked)));
    SyncView v = progress.view();
    assertThat(v.state()).isEqualTo(SyncView.STALLED);
    assertThat(v.warnings())
        .contains("no block stored for 28 s at height 10")
        .contains("waiting for blocks 11..42 from peer ab12cd34ef56ab78 (asked 23 s ago)");
    clock.advance(SyncProgress.RATE_WINDOW);
    progress.observe(syncing(10, 100, null));
    assertThat(progress.view().etaSeconds()).isEqualTo(-1);
    assertThat(progress.view().warnings()).contains("no trusted peer that still answers");
  }

  @Test
  void aRejectedBlockExplainsTheStallUntilTheTipPassesIt() {
    progress.observe(syncing(10, 100, null));
    progress.rejected(11, "ab12cd34ef56ab78", "invalid certificate: 1 of 4 signatures");
    clock.advance(SyncProgress.STALL_AFTER);
    progress.observe(syncing(10, 100, new Waiting("ffff", 11, 42, clock.monoNanos())));
    assertThat(progress.view().warnings())
        .contains(
            "block 11 from peer ab12cd34ef56ab78 fails validation: invalid certificate: 1 of 4"
                + " signatures");
    progress.observe(syncing(11, 100, null));
    assertThat(progress.view().state()).isEqualTo(SyncView.SYNCING);
    assertThat(progress.view().warnings()).isEmpty();
  }

  @Test
  void aRejectedBlockAboveTheTipStallsANodeWithNoOtherPeerToAsk() {
    progress.observe(following(0, 5));
    progress.rejected(1, "ab12cd34ef56ab78", "invalid certificate: wrong block");
    SyncView v = progress.view();
    assertThat(v.state()).isEqualTo(SyncView.STALLED);
    assertThat(v.warnings())
        .isEqualTo(
            "block 1 from peer ab12cd34ef56ab78 fails validation: invalid certificate: wrong block");
    clock.advance(SyncProgress.REJECTION_MEMORY);
    assertThat(progress.view().state()).isEqualTo(SyncView.FOLLOWING);
  }

  @Test
  void aHaltNamesItsCause() {
    progress.observe(syncing(150, 400, null));
    progress.halted("storage fault while storing block 151: disk full");
    SyncView v = progress.view();
    assertThat(v.state()).isEqualTo(SyncView.STALLED);
    assertThat(v.warnings())
        .isEqualTo("sync stopped: storage fault while storing block 151: disk full");
  }

  @Test
  void peersThatStayBehindUsAreNamedAsTheReasonNothingArrives() {
    progress.observe(following(50, 48));
    assertThat(progress.view().warnings()).isEmpty();
    clock.advance(SyncProgress.STALL_AFTER);
    progress.observe(following(50, 48));
    SyncView v = progress.view();
    assertThat(v.state()).isEqualTo(SyncView.FOLLOWING);
    assertThat(v.warnings()).contains("all 3 peers are behind us (best at height 48, ours 50)");
  }

  @Test
  void theProgressLineGivesHeightTargetRateAndEta() {
    SyncView v = new SyncView(SyncView.SYNCING, 0.12, 120, 1000, 35.5, 25, "");
    assertThat(SyncProgress.progressLine(120, v))
        .isEqualTo("sync: height 120 / 1000 (12.0 %), 35.5 blocks/s, ETA 25 s");
    SyncView unknown = new SyncView(SyncView.STALLED, 0.12, 120, 1000, 0, -1, "why");
    assertThat(SyncProgress.progressLine(120, unknown)).endsWith("ETA unknown; why");
  }
}
