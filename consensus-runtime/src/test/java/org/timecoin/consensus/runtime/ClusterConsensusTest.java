package org.timecoin.consensus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

class ClusterConsensusTest {
  @TempDir(factory = FastTempDirs.class)
  Path dir;

  @Test
  void singleValidatorFinalizesHeightsOneBlockIntervalApart() {
    try (VirtualCluster cluster = new VirtualCluster(1, ConsensusConfig.DEFAULT, dir)) {
      cluster.startAll();
      assertThat(cluster.runUntil(Duration.ofSeconds(30), () -> cluster.allUpReached(5))).isTrue();
      VirtualCluster.Node node = cluster.nodes.getFirst();
      assertCertified(cluster, node);
      assertThat(node.status().lastDecidedHeight()).isGreaterThanOrEqualTo(5);
      assertThat(node.status().totalRoundChanges()).isZero();
      // Heights start block_interval (1 s) after the previous decision, not earlier.
      assertThat(cluster.clock.elapsedMillis()).isGreaterThanOrEqualTo(4_000);
    }
  }

  @Test
  void fourValidatorsAgreeOnSeveralHeightsWithoutRoundChanges() {
    try (VirtualCluster cluster = new VirtualCluster(4, ConsensusConfig.DEFAULT, dir)) {
      cluster.startAll();
      assertThat(cluster.runUntil(Duration.ofSeconds(60), () -> cluster.allUpReached(6))).isTrue();
      assertAgreement(cluster);
      for (VirtualCluster.Node node : cluster.nodes) {
        assertCertified(cluster, node);
        assertThat(node.status().totalRoundChanges()).isZero();
        assertThat(node.registry.get("consensus.decisions").counter().count())
            .isGreaterThanOrEqualTo(6);
      }
      assertNoValidatorEquivocated(cluster.allVotes);
    }
  }

  @Test
  void followerWithoutAKeyFinalizesTheSameBlocksAndNeverVotes() {
    try (VirtualCluster cluster = new VirtualCluster(4, 1, ConsensusConfig.DEFAULT, dir)) {
      cluster.startAll();
      assertThat(cluster.runUntil(Duration.ofSeconds(30), () -> cluster.allUpReached(3))).isTrue();
      assertAgreement(cluster);
      VirtualCluster.Node follower = cluster.nodes.get(4);
      assertCertified(cluster, follower);
      assertThat(follower.status().validator()).isFalse();
      assertThat(follower.sentProposals).isEmpty();
      assertThat(cluster.allVotes)
          .noneMatch(
              v -> cluster.chain.keys.stream().noneMatch(k -> k.publicKey().equals(v.validator())));
    }
  }

  @Test
  void absentProposerLeadsToARoundChangeAndTheNextProposerFinalizes() {
    ListAppender<ILoggingEvent> logs = captureDriverLogs();
    try (VirtualCluster cluster = new VirtualCluster(4, ConsensusConfig.DEFAULT, dir)) {
      int absent = cluster.chain.proposerIndex(1, 0);
      for (VirtualCluster.Node node : cluster.nodes) {
        if (node.index != absent) {
          node.start();
        }
      }
      assertThat(cluster.runUntil(Duration.ofSeconds(30), () -> cluster.allUpReached(1))).isTrue();

      assertAgreement(cluster);
      Block first = cluster.nodes.get((absent + 1) % 4).stored.get(1L);
      assertThat(first.header().round()).isEqualTo(1);
      assertThat(first.header().proposer())
          .isEqualTo(ProposerSelector.proposer(cluster.chain.validators, 1, 1));
      // timeout_propose (1 s) of round 0; the +2/3 nil precommits that follow start round 1 at
      // once, without waiting for timeout_precommit.
      assertThat(cluster.clock.elapsedMillis()).isBetween(1_000L, 1_200L);
      for (VirtualCluster.Node node : cluster.nodes) {
        if (node.up()) {
          assertThat(
                  node.registry
                      .get("consensus.round_changes")
                      .tag("cause", "precommit_nil_quorum")
                      .counter()
                      .count())
              .isGreaterThanOrEqualTo(1);
        }
      }
      assertThat(logs.list)
          .anySatisfy(
              e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage())
                    .contains("round change at height 1: round 0 -> 1 (+2/3 precommitted nil)");
              });
    } finally {
      releaseDriverLogs(logs);
    }
  }

  @Test
  void noRoundEverWaitsLongerThanMaxRoundTimeout() {
    try (VirtualCluster cluster = new VirtualCluster(4, ConsensusConfig.DEFAULT, dir)) {
      // Every block is refused, so every round ends in nil precommits and a round change.
      cluster.nodes.forEach(n -> n.valid = b -> false);
      cluster.startAll();
      VirtualCluster.Node node = cluster.nodes.getFirst();
      // Round r waits 1 s + 0.5 s * r: the 30 s cap is reached at round 58.
      assertThat(cluster.runUntil(Duration.ofHours(2), () -> node.runtime.status().round() >= 62))
          .isTrue();
      double longestSeconds =
          node.registry.find("consensus.timeout").timers().stream()
              .mapToDouble(t -> t.max(TimeUnit.MILLISECONDS) / 1000.0)
              .max()
              .orElseThrow();
      assertThat(longestSeconds).isEqualTo(30.0);
      // Each round schedules its propose timeout; the nil precommits end the round before it fires.
      Timer propose = node.registry.get("consensus.timeout").tag("kind", "propose").timer();
      assertThat(propose.count()).isGreaterThanOrEqualTo(62);
      assertThat(node.stored).isEmpty();
      assertNoValidatorEquivocated(cluster.allVotes);
    }
  }

  static LongStream seeds() {
    return LongStream.range(0, 8);
  }

  /**
   * A validator is killed after signing its n-th vote (durable in its WAL and sign guard) but
   * before sending it, stays down a while (its last WAL record torn in half the runs), and restarts
   * from its WAL: agreement holds, it replays its height, and no validator ever signs two
   * conflicting votes.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void killedBetweenWalWriteAndSendRestartsWithoutEquivocating(long seed) throws IOException {
    Random random = new Random(seed);
    ListAppender<ILoggingEvent> logs = captureDriverLogs();
    try (VirtualCluster cluster = new VirtualCluster(4, ConsensusConfig.DEFAULT, dir)) {
      cluster.emulateBlockSync();
      VirtualCluster.Node victim = cluster.nodes.get(random.nextInt(4));
      victim.crashAtVote = 1 + random.nextInt(12);
      cluster.startAll();
      assertThat(cluster.runUntil(Duration.ofSeconds(30), () -> !victim.up()))
          .as("seed %d: victim killed", seed)
          .isTrue();
      cluster.runUntil(Duration.ofMillis(random.nextInt(4_000)), () -> false);
      boolean torn = random.nextBoolean();
      if (torn) {
        tearLastRecord(dir.resolve("node-" + victim.index).resolve("wal"), 1 + random.nextInt(20));
      }
      victim.crashAtVote = 0;
      victim.start();
      assertThat(logs.list)
          .as("seed %d: the restart replays the WAL of the interrupted height", seed)
          .anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("replaying"));
      long target =
          cluster.nodes.stream().mapToLong(VirtualCluster.Node::height).max().orElse(0) + 4;
      assertThat(cluster.runUntil(Duration.ofMinutes(2), () -> cluster.allUpReached(target)))
          .as("seed %d: all reach height %d", seed, target)
          .isTrue();
      assertAgreement(cluster);
      assertNoValidatorEquivocated(cluster.allVotes);
    } finally {
      releaseDriverLogs(logs);
    }
  }

  /** Cuts the newest WAL segment short, as a crash in the middle of an append would. */
  private static void tearLastRecord(Path walDir, int bytes) throws IOException {
    Path newest;
    try (Stream<Path> files = Files.list(walDir)) {
      newest = files.max(Comparator.naturalOrder()).orElseThrow();
    }
    try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
      raf.setLength(Math.max(0, raf.length() - bytes));
    }
  }

  private static void assertAgreement(VirtualCluster cluster) {
    Map<Long, Hash32> decided = new HashMap<>();
    for (VirtualCluster.Node node : cluster.nodes) {
      node.stored.forEach(
          (h, block) -> {
            Hash32 other = decided.putIfAbsent(h, block.hash());
            assertThat(other == null || other.equals(block.hash()))
                .as("two blocks finalized at height %d", h)
                .isTrue();
          });
    }
  }

  private static void assertCertified(VirtualCluster cluster, VirtualCluster.Node node) {
    node.stored.forEach(
        (h, block) -> {
          CommitCertificate cert = node.certificates.get(h);
          assertThat(cert.blockHash()).isEqualTo(block.hash());
          assertThat(cert.height()).isEqualTo(h);
          assertThat(cert.verify(cluster.chain.validators, cluster.chain.chainId).isValid())
              .as("certificate of height %d", h)
              .isTrue();
        });
  }

  static void assertNoValidatorEquivocated(List<Vote> votes) {
    Map<String, Vote> bySlot = new HashMap<>();
    for (Vote v : votes) {
      String slot = v.validator() + "/" + v.type() + "/" + v.height() + "/" + v.round();
      Vote first = bySlot.putIfAbsent(slot, v);
      assertThat(first == null || Objects.equals(first.value(), v.value()))
          .as("conflicting votes %s and %s", first, v)
          .isTrue();
    }
  }

  private static ListAppender<ILoggingEvent> captureDriverLogs() {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(ConsensusDriver.class)).addAppender(logs);
    return logs;
  }

  private static void releaseDriverLogs(ListAppender<ILoggingEvent> logs) {
    ((Logger) LoggerFactory.getLogger(ConsensusDriver.class)).detachAppender(logs);
  }
}
