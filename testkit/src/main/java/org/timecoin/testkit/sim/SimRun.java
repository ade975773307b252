package org.timecoin.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.ConsensusParams;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.testkit.net.DelayModel;
import org.timecoin.testkit.net.LinkProfile;
import org.timecoin.testkit.net.SimulatedNetwork;
import org.timecoin.testkit.random.SeededRandom;
import org.timecoin.testkit.time.VirtualClock;
import org.timecoin.testkit.time.VirtualScheduler;

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
  private final ValidatorSet validatorSet;
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
    this.keys = new SimKeys(validators, chainId, options.ed25519());
    List<Validator> set = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      PublicKey k = keys.publicKey(i);
      set.add(new Validator(k, 1, Tier.FREE, Address.fromPublicKey(k)));
    }
    this.validatorSet = new ValidatorSet(set);
    List<NodeSpec> specs = scenario.nodes(validators, faulty, scenarioRandom);
    this.network =
        new SimulatedNetwork<>(scheduler, seeds.stream("network"), specs.size(), syncProfile);
    for (int e = 0; e < specs.size(); e++) {
      NodeSpec spec = specs.get(e);
      SimNode node = new SimNode(this, e, spec.validator(), spec.behaviour());
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
    return keys.indexOf(ProposerSelector.proposer(validatorSet, height, round));
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

  ValidatorSet validatorSet() {
    return validatorSet;
  }

  ConsensusParams params() {
    return options.params();
  }

  long blockIntervalMillis() {
    return options.blockIntervalMillis();
  }

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

  /** {@code node} finalized {@code value} at {@code height}, by consensus or by block sync. */
  void finalized(SimNode node, long height, Hash32 value, boolean bySync) {
    if (node.honest()) {
      monitor.honestFinalized(node.toString(), height, value);
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
