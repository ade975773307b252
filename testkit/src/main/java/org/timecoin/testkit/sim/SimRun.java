package org.timecoin.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.consensus.ConsensusParams;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.consensus.Vote;
import org.timecoin.consensus.runtime.ConsensusConfig;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.testkit.net.DelayModel;
import org.timecoin.testkit.net.LinkProfile;
import org.timecoin.testkit.net.SimulatedNetwork;
import org.timecoin.testkit.random.SeededRandom;

/**
 * The world of one simulated run: virtual time, the network, the nodes, the invariant monitor and
 * the metrics. Scenarios act on the run through its public methods; everything is driven by one
 * seed, so the same seed gives the same run.
 */
public final class SimRun {
  private final Scenario scenario;
  private final int validators;
  private final int faulty;
  private final SeededRandom seeds;
  private final SimOptions options;
  private final SplittableRandom scenarioRandom;
  private final VirtualScheduler scheduler;
  private final SimulatedNetwork<SimMessage> network;
  private final LinkProfile syncProfile;
  private final SimKeys keys;
  private final ValidatorSchedule schedule;
  private final List<ValidatorSet> epochSets = new ArrayList<>();
  private final ConsensusConfig config;
  private final RunEvents events = new RunEvents();
  private final Map<SignedSlot, Integer> signers = new HashMap<>();
  private final Map<SignedSlot, Hash32> deliveredToHonest = new HashMap<>();
  private final Map<Hash32, SyntheticBlock> blocks = new HashMap<>();
  private final InvariantMonitor monitor = new InvariantMonitor(blocks);
  private final RunMetrics metrics = new RunMetrics();
  private final List<SimNode> nodes = new ArrayList<>();
  private final List<BiConsumer<SimNode, Long>> heightListeners = new ArrayList<>();
  private final List<BiConsumer<SimNode, Long>> finalizedListeners = new ArrayList<>();
  private final List<String> trace = new ArrayList<>();
  private final long maxValidationDelayMicros;
  private boolean faultsOver;

  SimRun(Scenario scenario, int validators, long seed, SimOptions options) {
    if (validators < 1) {
      throw new IllegalArgumentException("need at least one validator");
    }
    this.scenario = scenario;
    this.validators = validators;
    this.faulty = (validators - 1) / 3;
    this.seeds = SeededRandom.of(seed);
    this.options = options;
    this.scenarioRandom = seeds.stream("scenario");
    this.scheduler = new VirtualScheduler(new VirtualClock(), seeds.stream("ties"));
    SplittableRandom netShape = seeds.stream("network-shape");
    long base = 1 + netShape.nextLong(10);
    this.syncProfile =
        LinkProfile.reliable(
            DelayModel.exponentialMillis(base, 5 + netShape.nextInt(40), base + 250));
    this.maxValidationDelayMicros = 1_000 + netShape.nextLong(20_000);
    Hash32 chainId = Sha256.hash(("sim-chain-" + seed).getBytes(StandardCharsets.US_ASCII));
    this.schedule = scenario.schedule(validators, scenarioRandom);
    List<NodeSpec> specs = scenario.nodes(schedule, faulty, scenarioRandom);
    int keyCount = schedule.keyCount();
    for (NodeSpec spec : specs) {
      keyCount = Math.max(keyCount, spec.validator() + 1);
    }
    this.keys = new SimKeys(keyCount, chainId, options.ed25519());
    for (List<Integer> members : schedule.epochs()) {
      List<Validator> set = new ArrayList<>();
      for (int i : members) {
        PublicKey k = keys.publicKey(i);
        set.add(new Validator(k, 1, Tier.BRONZE, Address.fromPublicKey(k)));
      }
      epochSets.add(new ValidatorSet(set));
    }
    Duration interval = Duration.ofMillis(options.blockIntervalMillis());
    ConsensusParams p = options.params();
    this.config =
        ConsensusConfig.DEFAULT
            .withTimeouts(
                p.timeoutPropose(),
                p.timeoutPrevote(),
                p.timeoutPrecommit(),
                p.timeoutDelta(),
                p.maxRoundTimeout())
            .withBlockIntervals(interval, interval);
    this.network =
        new SimulatedNetwork<>(scheduler, seeds.stream("network"), specs.size(), syncProfile);
    for (int e = 0; e < specs.size(); e++) {
      NodeSpec spec = specs.get(e);
      SimNode node = new SimNode(this, e, spec);
      nodes.add(node);
      network.register(e, node::receive);
    }
  }

  // ---- what scenarios use --------------------------------------------------------------------

  public String scenarioName() {
    return scenario.name();
  }

  public int validators() {
    return validators;
  }

  /** f = ⌊(n−1)/3⌋: the faults the protocol tolerates. */
  public int faulty() {
    return faulty;
  }

  public long seed() {
    return seeds.seed();
  }

  public SplittableRandom random() {
    return scenarioRandom;
  }

  public VirtualScheduler scheduler() {
    return scheduler;
  }

  public SimulatedNetwork<SimMessage> network() {
    return network;
  }

  /** The timely, lossless link profile of the synchronous phase. */
  public LinkProfile syncProfile() {
    return syncProfile;
  }

  public List<SimNode> nodes() {
    return nodes;
  }

  public List<SimNode> honestNodes() {
    return nodes.stream().filter(SimNode::honest).toList();
  }

  public List<SimNode> nodesOf(int validator) {
    return nodes.stream().filter(n -> n.validatorIndex() == validator).toList();
  }

  /** The validator index of proposer(height, round). */
  public int proposerOf(long height, int round) {
    return keys.indexOf(ProposerSelector.proposer(validatorsAt(height), height, round));
  }

  /** Which validators vote at each height. */
  public ValidatorSchedule schedule() {
    return schedule;
  }

  /** The validator set of {@code height}'s epoch (what the loop's ValidatorSets port answers). */
  public ValidatorSet validatorsAt(long height) {
    return epochSets.get((int) Math.min(schedule.epochOf(height), epochSets.size() - 1));
  }

  /** Whether validator {@code index} is in the set of {@code height}. */
  public boolean isMember(int index, long height) {
    return schedule.membersAt(height).contains(index);
  }

  /** Counts one occurrence of {@code event} (see {@link RunEvents}). */
  public void count(String event) {
    events.count(event);
  }

  /** True once the fault phase has ended: scenarios must not inject faults any more. */
  public boolean faultsOver() {
    return faultsOver;
  }

  public long nowMillis() {
    return scheduler.nowMillis();
  }

  public void crash(SimNode node) {
    if (node.isUp()) {
      log("crash %s at h=%d r=%d", node, node.height(), node.round());
      node.crash();
    }
  }

  /** Crashes {@code node} losing the WAL records it had not synced (a crash before an fsync). */
  public void crashLosingUnsynced(SimNode node) {
    if (node.isUp()) {
      crash(node);
      log("%s lost %d unsynced WAL records", node, node.loseUnsyncedLog());
    }
  }

  public void restart(SimNode node) {
    if (!node.isUp()) {
      node.restart();
      log("restart %s at h=%d r=%d", node, node.height(), node.round());
    }
  }

  /** Records that the current leader crashed now; recovery is measured to the next block. */
  public void leaderCrashedNow(SimNode leader) {
    log("leader %s crashed before proposing h=%d", leader, leader.height() + 1);
    metrics.leaderCrashed(scheduler.nowNanos());
  }

  /** Heals partitions and link faults; measures rounds from now to each honest node's decision. */
  public void makeNetworkSynchronous() {
    boolean wasPartitioned = network.isPartitioned();
    network.heal();
    network.clearLinkOverrides();
    network.clearDropFilter();
    network.setDefaultProfile(syncProfile);
    if (wasPartitioned) {
      healed();
    }
  }

  /** Measures rounds from now until each honest node still deciding its height decides. */
  public void healed() {
    log("network healed");
    metrics.healed(
        honestNodes().stream().filter(SimNode::isUp).mapToInt(SimNode::round).max().orElse(0),
        scheduler.nowNanos());
  }

  /** Calls {@code listener} each time a node is about to start a height (it may crash the node). */
  public void onHeightStart(BiConsumer<SimNode, Long> listener) {
    heightListeners.add(listener);
  }

  /** Calls {@code listener} each time any node finalizes a height. */
  public void onFinalized(BiConsumer<SimNode, Long> listener) {
    finalizedListeners.add(listener);
  }

  /** Adds a line to the run's trace (only kept when tracing). */
  public void log(String format, Object... args) {
    if (options.trace()) {
      Object[] all = new Object[args.length + 1];
      all[0] = scheduler.nowMillis();
      System.arraycopy(args, 0, all, 1, args.length);
      trace.add(String.format("%8d ms  " + format, all));
    }
  }

  // ---- what nodes use --------------------------------------------------------------------------

  void endFaultPhase() {
    faultsOver = true;
    log("fault phase over");
    scenario.endFaults(this);
  }

  SeededRandom seeds() {
    return seeds;
  }

  SimKeys keys() {
    return keys;
  }

  ConsensusConfig config() {
    return config;
  }

  Map<String, Long> events() {
    return events.snapshot();
  }

  /** A loop halted on an unexpected failure: a defect the run reports as a safety violation. */
  void halted(SimNode node, Throwable cause) {
    monitor.nodeHalted(node.toString(), scheduler.nowMillis(), cause);
  }

  private record SignedSlot(PublicKey signer, String kind, long height, int round) {}

  /** {@code node}'s loop signed {@code proposal} (before it is sent). */
  void signed(SimNode node, Proposal proposal) {
    if (node.honest()) {
      monitor.honestProposal(proposal);
    }
    signedBy(
        node, new SignedSlot(proposal.proposer(), "PROPOSAL", proposal.height(), proposal.round()));
  }

  /** {@code node}'s loop signed {@code vote} (before it is sent). */
  void signed(SimNode node, Vote vote) {
    if (node.honest()) {
      monitor.honestVote(vote);
    }
    signedBy(
        node, new SignedSlot(vote.validator(), vote.type().name(), vote.height(), vote.round()));
  }

  private void signedBy(SimNode node, SignedSlot slot) {
    Integer first = signers.putIfAbsent(slot, node.endpoint());
    if (first != null && first != node.endpoint()) {
      signers.put(slot, -1); // counted once
      if (first >= 0) {
        events.count(RunEvents.TWIN_DOUBLE_SIGNS);
      }
    }
  }

  /** A peer's proposal reached an honest node. */
  void delivered(Proposal p) {
    delivered(
        new SignedSlot(p.proposer(), "PROPOSAL", p.height(), p.round()),
        p.value(),
        RunEvents.CONFLICTING_PROPOSALS);
  }

  /** A peer's vote reached an honest node. */
  void delivered(Vote v) {
    delivered(
        new SignedSlot(v.validator(), v.type().name(), v.height(), v.round()),
        v.isNil() ? Hash32.ZERO : v.value(),
        RunEvents.CONFLICTING_VOTES);
  }

  private void delivered(SignedSlot slot, Hash32 value, String event) {
    Hash32 first = deliveredToHonest.putIfAbsent(slot, value);
    if (first != null && !first.equals(value)) {
      deliveredToHonest.put(slot, CONFLICT_COUNTED);
      if (!first.equals(CONFLICT_COUNTED)) {
        events.count(event);
      }
    }
  }

  private static final Hash32 CONFLICT_COUNTED = Hash32.fromHex("ff".repeat(32));

  InvariantMonitor monitor() {
    return monitor;
  }

  RunMetrics metrics() {
    return metrics;
  }

  List<String> trace() {
    return trace;
  }

  Scenario scenario() {
    return scenario;
  }

  SimOptions options() {
    return options;
  }

  void registerBlock(SyntheticBlock block) {
    blocks.putIfAbsent(block.hash(), block);
  }

  long gossipIntervalMillis() {
    return 1_000;
  }

  long validationDelayNanos(SplittableRandom random) {
    return random.nextLong(maxValidationDelayMicros) * 1_000L;
  }

  void heightStarting(SimNode node, long height) {
    for (BiConsumer<SimNode, Long> l : heightListeners) {
      l.accept(node, height);
    }
  }

  /**
   * {@code node} finalized {@code value} at {@code height} with the certificate {@code precommits},
   * by consensus or by block sync.
   */
  void finalized(SimNode node, long height, Hash32 value, List<Vote> precommits, boolean bySync) {
    if (node.honest()) {
      if (monitor.finalizedValue(height) == null
          && height > 1
          && !validatorsAt(height).equals(validatorsAt(height - 1))) {
        events.count(RunEvents.SET_CHANGES);
      }
      monitor.honestFinalized(node.toString(), height, value);
      monitor.certificate(node.toString(), height, value, precommits, validatorsAt(height));
      if (!bySync) {
        metrics.honestDecided(node.round(), scheduler.nowNanos());
      }
    }
    log(
        "%s finalized h=%d in r=%d%s: %s",
        node, height, node.round(), bySync ? " by sync" : "", value.toHex().substring(0, 8));
    for (BiConsumer<SimNode, Long> l : finalizedListeners) {
      l.accept(node, height);
    }
  }
}
