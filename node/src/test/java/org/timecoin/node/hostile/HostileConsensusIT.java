package org.timecoin.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.consensus.Vote;
import org.timecoin.consensus.runtime.ConsensusHoldings;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.node.TimeNode;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.NodeKeyFile;
import org.timecoin.node.consensus.ConsensusMessageGate;
import org.timecoin.node.consensus.GateVerdict;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.node.devnet.Ports;
import org.timecoin.node.net.CompactProposal;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.testkit.net.HostilePeer;

/**
 * Attacks on consensus messages, from a peer the test controls, against a devnet of four validators
 * on 127.0.0.1: absurd rounds and heights, floods of replayed old messages, and a Byzantine
 * validator proposing far ahead. The honest network must keep finalizing, the node's memory and
 * consensus WAL must stay bounded, and only the attacker may be penalised.
 */
class HostileConsensusIT {
  static final long TESTNET_MAGIC = 0x54494D30L;

  /** High enough that a flood reaches the gate instead of the per-peer rate limit. */
  static final int UNTHROTTLED = 1_000_000;

  @TempDir Path dir;
  LocalDevnet net;
  final List<HostilePeer> attackers = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (HostilePeer a : attackers) {
      a.close();
    }
    if (net != null) {
      net.close();
    }
  }

  void devnet(int running) throws Exception {
    int base = Ports.freeRun(12);
    net =
        LocalDevnet.create(
            dir, 4, base, Duration.ofMillis(100), Duration.ofMillis(300), List.of(), Clock.SYSTEM);
    for (int i = 0; i < 4; i++) {
      net.rewriteConfig(i, HostileConsensusIT::unthrottled);
    }
    for (int i = 0; i < running; i++) {
      net.start(i);
    }
    awaitHeight(3, Duration.ofSeconds(60));
  }

  static NodeConfig unthrottled(NodeConfig c) {
    return c.withSecurity(c.security().withPeerMessagesPerSecond(UNTHROTTLED));
  }

  void awaitHeight(long height, Duration atMost) {
    await()
        .atMost(atMost)
        .until(() -> net.running().stream().allMatch(n -> n.chain().height() >= height));
  }

  TimeNode target() {
    return net.node(0);
  }

  ConsensusMessageGate gate() {
    return target().consensusHandler().gate();
  }

  GenesisConfig genesis() {
    return net.genesis();
  }

  HostilePeer attack(KeyPair as, long claimedHeight) throws IOException {
    return attack(as, claimedHeight, true);
  }

  /** A peer authenticated as {@code as}, reading what the node sends (answering its pings). */
  HostilePeer attack(KeyPair as, long claimedHeight, boolean answerPings) throws IOException {
    InetSocketAddress to = new InetSocketAddress("127.0.0.1", net.config(0).network().port());
    // From another address than the honest nodes (127.0.1.x), as a remote attacker would be.
    HostilePeer peer =
        HostilePeer.connect(to, InetAddress.getByName("127.0.1." + (attackers.size() + 1)));
    attackers.add(peer);
    peer.handshake(TESTNET_MAGIC, genesis().hash(), as, claimedHeight);
    peer.startReading(answerPings);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> target().network().peer(as.publicKey()).isPresent());
    return peer;
  }

  static KeyPair freshKey(String name) {
    return KeyPair.fromSeed(Sha256.digest(("attacker " + name + System.nanoTime()).getBytes()));
  }

  Block junkBlock(long height, int round, PublicKey proposer, long salt) {
    Hash32 chain = genesis().chainId();
    return new Block(
        new BlockHeader(
            1,
            chain,
            height,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            salt,
            proposer,
            round,
            Hash32.ZERO,
            LastCommit.empty().hash()),
        LastCommit.empty(),
        List.of());
  }

  /** A proposal in {@code proposer}'s name with a signature that does not verify. */
  ProposalMessage unsignedProposal(long height, int round, PublicKey proposer) {
    Block block = junkBlock(height, round, proposer, 1);
    return new ProposalMessage(
        new Proposal(height, round, block.hash(), -1, proposer, new byte[64]), block);
  }

  ProposalMessage signedProposal(KeyPair proposer, long height, int round, long salt) {
    Block block = junkBlock(height, round, proposer.publicKey(), salt);
    byte[] sig =
        proposer.sign(
            MessageSigning.proposalSignBytes(genesis().chainId(), height, round, block.hash(), -1));
    return new ProposalMessage(
        new Proposal(height, round, block.hash(), -1, proposer.publicKey(), sig), block);
  }

  /** Bytes of node i's consensus WAL segments. */
  long walBytes(int i) throws IOException {
    Path wal = net.config(i).dataDir().resolve("consensus").resolve("wal");
    if (!Files.isDirectory(wal)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(wal)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }

  /** The target's finalization rate over {@code window}, measured by waiting it out. */
  double blocksPerSecond(Duration window) {
    long start = tip();
    long startNanos = System.nanoTime();
    long[] end = new long[1];
    await()
        .pollInterval(Duration.ofMillis(100))
        .atMost(window.plusSeconds(5))
        .until(
            () -> {
              end[0] = tip();
              return System.nanoTime() - startNanos >= window.toNanos();
            });
    return (end[0] - start) / ((System.nanoTime() - startNanos) / 1e9);
  }

  static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  long tip() {
    return target().chain().height();
  }

  @Test
  void absurdRoundAndHeightAreDroppedBeforeAnyCostlyWorkAndTheirSenderPenalised() throws Exception {
    devnet(4);
    PublicKey validator = net.node(1).key().publicKey();
    long bansBefore = target().network().metrics().bansImposed();

    KeyPair first = freshKey("round");
    HostilePeer roundAttacker = attack(first, 0);
    roundAttacker.send(
        NodeMessages.PROPOSAL, unsignedProposal(tip() + 1, Integer.MAX_VALUE, validator));
    await().atMost(Duration.ofSeconds(10)).until(() -> gate().count(GateVerdict.ABSURD_ROUND) == 1);
    assertThat(roundAttacker.awaitClosedByNode(Duration.ofSeconds(10))).isTrue();

    KeyPair second = freshKey("height");
    HostilePeer heightAttacker = attack(second, 0);
    heightAttacker.send(NodeMessages.PROPOSAL, unsignedProposal(tip() + 100_000, 0, validator));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> gate().count(GateVerdict.ABSURD_HEIGHT) == 1);
    assertThat(heightAttacker.awaitClosedByNode(Duration.ofSeconds(10))).isTrue();

    // Neither reached the signature check (it would have failed: the signatures are zeros).
    assertThat(gate().count(GateVerdict.BAD_SIGNATURE)).isZero();
    assertThat(target().network().metrics().bansImposed()).isEqualTo(bansBefore + 2);
    assertThat(target().network().peer(first.publicKey())).isEmpty();
    assertThat(target().network().peer(second.publicKey())).isEmpty();
    long now = tip();
    awaitHeight(now + 3, Duration.ofSeconds(30));
    assertThat(target().network().peers()).hasSizeGreaterThanOrEqualTo(3);
  }

  /**
   * Genuine votes and proposals (whole or compact, as the node sends them) the target relays to a
   * peer that is not a validator.
   */
  List<Object> captureMessages(HostilePeer spy) throws InterruptedException {
    List<Object> captured = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int proposals = 0;
    while ((captured.size() < 40 || proposals < 2) && System.nanoTime() < deadline) {
      HostilePeer.Frame f = spy.poll(Duration.ofMillis(200));
      if (f == null) {
        continue;
      }
      if (f.type() == NodeMessages.VOTE.id()) {
        captured.add(NodeMessages.VOTE.codec().decode(f.payload()));
      } else if (f.type() == NodeMessages.PROPOSAL.id()) {
        captured.add(NodeMessages.PROPOSAL.codec().decode(f.payload()));
        proposals++;
      } else if (f.type() == NodeMessages.COMPACT_PROPOSAL.id()) {
        captured.add(NodeMessages.COMPACT_PROPOSAL.codec().decode(f.payload()));
        proposals++;
      }
    }
    assertThat(proposals).as("proposals captured").isGreaterThanOrEqualTo(2);
    return captured;
  }

  /**
   * A copy of {@code m} whose bytes differ (so no seen-cache knows it): a replay in new clothes.
   */
  static Object variant(Object m, int i) {
    if (m instanceof Vote v) {
      byte[] sig = v.signature().clone();
      sig[0] ^= (byte) i;
      sig[1] ^= (byte) (i >>> 8);
      sig[2] ^= (byte) (i >>> 16);
      return new Vote(v.type(), v.height(), v.round(), v.value(), v.validator(), sig);
    }
    if (m instanceof CompactProposal c) {
      return new CompactProposal(
          variant(c.proposal(), i), c.header(), c.lastCommit(), c.prefilled(), c.shortIds());
    }
    ProposalMessage pm = (ProposalMessage) m;
    return new ProposalMessage(variant(pm.proposal(), i), pm.block());
  }

  static Proposal variant(Proposal p, int i) {
    byte[] sig = p.signature().clone();
    sig[0] ^= (byte) i;
    sig[1] ^= (byte) (i >>> 8);
    sig[2] ^= (byte) (i >>> 16);
    return new Proposal(p.height(), p.round(), p.value(), p.validRound(), p.proposer(), sig);
  }

  static long heightOf(Object m) {
    return switch (m) {
      case Vote v -> v.height();
      case CompactProposal c -> c.proposal().height();
      default -> ((ProposalMessage) m).proposal().height();
    };
  }

  @Test
  void oneHundredThousandReplayedOldMessagesLeaveWalHeapAndBlockRateFlat() throws Exception {
    devnet(4);
    KeyPair spyKey = freshKey("replay");
    HostilePeer attacker = attack(spyKey, 0);
    List<Object> captured = captureMessages(attacker);
    long newest = captured.stream().mapToLong(HostileConsensusIT::heightOf).max().orElseThrow();
    awaitHeight(newest + 2, Duration.ofSeconds(30)); // everything captured is old now

    double normalRate = blocksPerSecond(Duration.ofSeconds(5));
    long heapBefore = usedHeapAfterGc();
    long bansBefore = target().network().metrics().bansImposed();
    long oldBefore = gate().count(GateVerdict.OLD_HEIGHT);
    long startHeight = tip();
    long startNanos = System.nanoTime();
    AtomicLong maxWal = new AtomicLong();
    int sent = 100_000;
    for (int i = 0; i < sent; i++) {
      Object m = variant(captured.get(i % captured.size()), i / captured.size() + 1);
      if (m instanceof Vote v) {
        attacker.send(NodeMessages.VOTE, v);
      } else if (m instanceof CompactProposal c) {
        attacker.send(NodeMessages.COMPACT_PROPOSAL, c);
      } else {
        attacker.send(NodeMessages.PROPOSAL, (ProposalMessage) m);
      }
      if (i % 5_000 == 0) {
        maxWal.accumulateAndGet(walBytes(0), Math::max);
      }
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              maxWal.accumulateAndGet(walBytes(0), Math::max);
              // at least as long as the normal rate was measured, so the two compare
              return gate().count(GateVerdict.OLD_HEIGHT) >= oldBefore + sent
                  && System.nanoTime() - startNanos >= Duration.ofSeconds(5).toNanos();
            });
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long blocks = tip() - startHeight;

    assertThat(gate().count(GateVerdict.BAD_SIGNATURE))
        .as("no replay reached a signature check")
        .isZero();
    assertThat(maxWal.get()).as("consensus WAL bytes during the flood").isLessThan(1L << 20);
    assertThat(usedHeapAfterGc() - heapBefore).as("heap growth").isLessThan(128L << 20);
    assertThat(blocks / seconds)
        .as(
            "blocks per second under the flood (%d in %.1f s), normally %.2f",
            blocks, seconds, normalRate)
        .isGreaterThanOrEqualTo(normalRate / 2);
    assertThat(target().network().metrics().bansImposed())
        .as("old messages are plausibly honest: no penalty")
        .isEqualTo(bansBefore);
    assertThat(target().network().peer(spyKey.publicKey())).isPresent();
  }

  @Test
  void aByzantineValidatorProposingFarAheadHoldsBoundedMemoryAndTheChainFinalizes()
      throws Exception {
    devnet(3); // the fourth validator's key is the attacker's
    KeyPair byzantine = KeyPair.fromSeed(NodeKeyFile.read(net.config(3).keyFile()));
    ValidatorSet set = genesis().validatorSet();
    long from = tip() + 2;
    long to = from + 10_000;
    // It claims to be at the far end (and never echoes our pings, which would carry our height),
    // so no proposal looks absurd: all of them are delivered, none is penalised.
    HostilePeer attacker = attack(byzantine, to, false);
    long bansBefore = target().network().metrics().bansImposed();
    attacker.sendPing(1, to);

    AtomicLong maxBlocks = new AtomicLong();
    AtomicLong maxBytes = new AtomicLong();
    AtomicLong maxBuffered = new AtomicLong();
    long startHeight = tip();
    long sent = 0;
    for (long h = from; h <= to; h++) {
      // Near the tip every round it leads, with conflicting blocks; farther, one proposal a height.
      boolean near = h < from + 50;
      for (int r = 0; r <= ConsensusMessageGate.ROUND_WINDOW; r++) {
        if (ProposerSelector.proposer(set, h, r).equals(byzantine.publicKey())) {
          for (int copy = 0; copy < (near ? 3 : 1); copy++) {
            attacker.send(NodeMessages.PROPOSAL, signedProposal(byzantine, h, r, sent++));
          }
          if (!near) {
            break;
          }
        }
      }
      if (h % 500 == 0) {
        attacker.sendPing(h, to);
        watch(maxBlocks, maxBytes, maxBuffered);
      }
    }
    long later = tip() + 5;
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              watch(maxBlocks, maxBytes, maxBuffered);
              return net.running().stream().allMatch(n -> n.chain().height() >= later);
            });

    assertThat(sent).isGreaterThanOrEqualTo(10_000);
    assertThat(tip()).isGreaterThan(startHeight);
    assertThat(gate().count(GateVerdict.FUTURE_HEIGHT)).isGreaterThan(sent / 2);
    assertThat(maxBlocks.get()).as("candidate blocks held").isLessThanOrEqualTo(2 * 64);
    assertThat(maxBytes.get()).as("candidate bytes held").isLessThan(1L << 20);
    assertThat(maxBuffered.get()).as("next-height inputs held").isLessThanOrEqualTo(4 * 96);
    assertThat(gate().knownSlots()).isLessThan(10_000);
    assertThat(target().network().metrics().bansImposed())
        .as("proposals ahead of us are plausible from a validator that claims to be there")
        .isEqualTo(bansBefore);
  }

  void watch(AtomicLong blocks, AtomicLong bytes, AtomicLong buffered) {
    for (TimeNode n : net.running()) {
      ConsensusHoldings h = n.consensus().holdings();
      blocks.accumulateAndGet(h.candidateBlocks(), Math::max);
      bytes.accumulateAndGet(h.candidateBytes(), Math::max);
      buffered.accumulateAndGet(h.bufferedInputs(), Math::max);
    }
  }
}
