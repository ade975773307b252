package org.timecoin.node;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.runtime.ConsensusConfig;
import org.timecoin.consensus.runtime.ConsensusRuntime;
import org.timecoin.consensus.runtime.LocalKeySigner;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.chain.ValidationPool;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.consensus.ChainPorts;
import org.timecoin.node.consensus.ExecutorScheduler;
import org.timecoin.node.consensus.LoggingConsensusListener;
import org.timecoin.node.consensus.P2pGossip;
import org.timecoin.node.consensus.ProposalSender;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.production.MempoolBlockProducer;
import org.timecoin.p2p.P2pNode;

/**
 * A node's consensus runtime: blocks built from its mempool, its own proposals and votes gossiped
 * (and sent again while the height stalls), the timeouts of [consensus] and [block], and a signer
 * when the node is a masternode.
 */
final class NodeConsensus {
  /** Own consensus messages are sent again when no new one went out for this long. */
  static final Duration RESEND_AFTER = Duration.ofSeconds(1);

  /**
   * A transaction is proposed once it waited this long in the mempool: the relay delay plus the
   * other validators' admission, so their signature caches hold it when the proposal comes.
   */
  static final Duration PROPOSE_AFTER = Duration.ofMillis(100);

  private NodeConsensus() {}

  /** What consensus runs on: the chain, the mempool its blocks come from, the network. */
  record Over(LocalChain chain, Mempool mempool, P2pNode network, ProposalSender proposals) {}

  /**
   * @param operator signs proposals and votes when {@code signs}; proposes with its key either way
   */
  static ConsensusRuntime build(
      NodeContext node,
      Over over,
      ExecutorScheduler scheduler,
      ValidationPool validation,
      MeterRegistry registry,
      KeyPair operator,
      boolean signs)
      throws Exception {
    NodeConfig config = node.config();
    LocalChain chain = over.chain();
    ChainPorts ports = new ChainPorts(chain);
    // Its own thread: building waits for no validation backlog, and delays none.
    ExecutorService producing =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("block-producer").daemon().factory());
    node.started().accept(producing::shutdownNow);
    MempoolBlockProducer producer =
        new MempoolBlockProducer(
            chain,
            over.mempool(),
            operator.publicKey(),
            config.block().maxBlockBytes(),
            config.block().maxBlockTxs(),
            node.clock(),
            producing,
            config.consensus().timeoutPropose().dividedBy(2),
            PROPOSE_AFTER);
    over.mempool().capBacklogAt(producer::transactionCapacity);
    ConsensusRuntime.Builder rb =
        ConsensusRuntime.builder()
            .config(consensusConfig(config))
            .chainId(node.genesis().chainId())
            .dataDir(config.dataDir().resolve("consensus"))
            .startHeight(chain.height() + 1)
            .validatorSets(chain::validatorsAt)
            .gossip(startGossip(node, over, scheduler))
            .blockProducer(producer)
            .blockValidator(ports)
            .finalizer(ports)
            .listener(new LoggingConsensusListener())
            .clock(node.clock())
            .meterRegistry(registry)
            .scheduler(scheduler)
            .validationPool(validation)
            .messageVerifier(MessageVerifier.PREVERIFIED); // the gate checked the signatures
    // A masternode signs at the heights whose set holds its key, and follows at the others: it
    // starts voting at the first height of the epoch it enters and stops where it leaves, with no
    // restart (consensus checks membership at each height).
    if (signs) {
      rb.signer(new LocalKeySigner(operator));
    }
    return rb.build();
  }

  /** Gossip of own proposals and votes, re-sent to peers while the height stalls. */
  private static P2pGossip startGossip(NodeContext node, Over over, ExecutorScheduler scheduler) {
    P2pGossip gossip = new P2pGossip(over.network(), over.proposals(), node.clock(), RESEND_AFTER);
    over.network().addPeerListener(gossip);
    var resend =
        scheduler
            .executor()
            .scheduleWithFixedDelay(gossip::resendIfStalled, 250, 250, TimeUnit.MILLISECONDS);
    node.started().accept(() -> resend.cancel(false));
    return gossip;
  }

  private static ConsensusConfig consensusConfig(NodeConfig config) {
    var c = config.consensus();
    return ConsensusConfig.DEFAULT
        .withTimeouts(
            c.timeoutPropose(),
            c.timeoutPrevote(),
            c.timeoutPrecommit(),
            c.timeoutDelta(),
            c.maxRoundTimeout())
        .withBlockIntervals(config.block().blockInterval(), config.block().emptyBlockInterval());
  }
}
