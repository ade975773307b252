package org.timecoin.consensus.runtime;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;

/**
 * Validators wired by an in-memory gossip with a fixed delay, all on one virtual clock: owner
 * loops, validation pools, timers and message delivery are events of one {@link VirtualScheduler},
 * so a run is single-threaded and exactly reproducible.
 */
final class VirtualCluster implements AutoCloseable {
  final VirtualClock clock = new VirtualClock();
  final VirtualScheduler scheduler = new VirtualScheduler(clock);
  final Executor onScheduler = task -> scheduler.schedule(Duration.ZERO, task);
  final TestChain chain;
  final ConsensusConfig config;
  final Path baseDir;
  final Duration messageDelay = Duration.ofMillis(20);
  final List<Node> nodes = new ArrayList<>();

  /** Every vote any incarnation of any validator ever broadcast, in order. */
  final List<Vote> allVotes = new ArrayList<>();

  VirtualCluster(int n, ConsensusConfig config, Path baseDir) {
    this(n, 0, config, baseDir);
  }

  /** {@code n} validators and {@code followers} nodes without a key that follow consensus. */
  VirtualCluster(int n, int followers, ConsensusConfig config, Path baseDir) {
    this.chain = new TestChain(n);
    this.config = config;
    this.baseDir = baseDir;
    for (int i = 0; i < n + followers; i++) {
      nodes.add(new Node(i));
    }
  }

  /** One validator: its stored chain survives restarts, like a node's block store. */
  final class Node implements Gossip, BlockProducer, BlockValidatorPort, BlockFinalizer {
    final int index;
    final TreeMap<Long, Block> stored = new TreeMap<>();
    final Map<Long, CommitCertificate> certificates = new HashMap<>();
    final List<Proposal> sentProposals = new ArrayList<>();
    final SimpleMeterRegistry registry =
        new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
    ConsensusRuntime runtime;

    /** False: this validator never produces a block (an absent proposer). */
    boolean produces = true;

    /**
     * When positive: the node crashes while sending its n-th vote (after signing, before sending).
     */
    int crashAtVote;

    private int votesSent;
    private boolean dead;

    /** Which blocks this node's validation accepts. */
    Predicate<Block> valid = b -> true;

    Node(int index) {
      this.index = index;
    }

    boolean up() {
      return runtime != null;
    }

    void start() {
      dead = false;
      votesSent = 0;
      runtime =
          ConsensusRuntime.builder()
              .config(config)
              .chainId(chain.chainId)
              .signer(index < chain.keys.size() ? new LocalKeySigner(chain.keys.get(index)) : null)
              .dataDir(baseDir.resolve("node-" + index))
              .startHeight(stored.isEmpty() ? 1 : stored.lastKey() + 1)
              .validatorSets(h -> chain.validators)
              .gossip(this)
              .blockProducer(this)
              .blockValidator(this)
              .finalizer(this)
              .clock(clock)
              .scheduler(scheduler)
              .meterRegistry(registry)
              .ownerExecutor(onScheduler)
              .validationPool(onScheduler)
              .build();
      runtime.start();
    }

    /** Stops the node as a crash would: no more messages in or out. */
    void crash() {
      dead = true;
      runtime.close();
      runtime = null;
    }

    long height() {
      return stored.isEmpty() ? 0 : stored.lastKey();
    }

    ConsensusStatus status() {
      return runtime.status();
    }

    @Override
    public void broadcastProposal(Proposal proposal, Block block) {
      if (dead) {
        return;
      }
      sentProposals.add(proposal);
      for (Node peer : nodes) {
        if (peer != this) {
          scheduler.schedule(
              messageDelay,
              () -> {
                if (peer.up()) {
                  peer.runtime.submitProposal(proposal, block);
                }
              });
        }
      }
    }

    @Override
    public void broadcastVote(Vote vote) {
      if (dead) {
        return;
      }
      allVotes.add(vote);
      if (++votesSent == crashAtVote) {
        // Killed between the durable WAL write and the send: the vote never leaves.
        dead = true;
        scheduler.schedule(Duration.ZERO, this::crash);
        return;
      }
      for (Node peer : nodes) {
        if (peer != this) {
          scheduler.schedule(
              messageDelay,
              () -> {
                if (peer.up()) {
                  peer.runtime.submitVote(vote);
                }
              });
        }
      }
    }

    @Override
    public CompletionStage<Block> produce(long height, int round) {
      if (!produces) {
        return new CompletableFuture<>();
      }
      Hash32 prev = stored.isEmpty() ? Hash32.ZERO : stored.lastEntry().getValue().hash();
      return CompletableFuture.completedFuture(
          chain.block(height, round, index, prev, clock.wallMillis()));
    }

    @Override
    public boolean hasPendingTransactions() {
      return true;
    }

    @Override
    public CompletionStage<Boolean> validate(long height, Block block) {
      return CompletableFuture.completedFuture(valid.test(block));
    }

    @Override
    public CompletionStage<Void> finalizeBlock(Block block, CommitCertificate certificate) {
      stored.put(block.height(), block);
      certificates.put(block.height(), certificate);
      return CompletableFuture.completedFuture(null);
    }
  }

  /**
   * Stands in for block sync: every half second, a running node behind the best stored chain gets
   * the missing blocks and is told so, as the node's sync would do.
   */
  void emulateBlockSync() {
    scheduler.schedule(
        Duration.ofMillis(500),
        () -> {
          Node best = nodes.stream().max((a, b) -> Long.compare(a.height(), b.height())).get();
          for (Node n : nodes) {
            if (n.up() && n.height() < best.height()) {
              for (long h = n.height() + 1; h <= best.height(); h++) {
                n.stored.put(h, best.stored.get(h));
                n.certificates.put(h, best.certificates.get(h));
              }
              n.runtime.caughtUp(best.height());
            }
          }
          emulateBlockSync();
        });
  }

  void startAll() {
    nodes.forEach(Node::start);
  }

  /** Runs events until {@code done} holds or {@code limit} of virtual time passes. */
  boolean runUntil(Duration limit, BooleanSupplier done) {
    return scheduler.runUntil(clock.monoNanos() + limit.toNanos(), done);
  }

  boolean allUpReached(long height) {
    return nodes.stream().filter(Node::up).allMatch(n -> n.height() >= height);
  }

  @Override
  public void close() {
    nodes.stream().filter(Node::up).forEach(Node::crash);
  }
}
