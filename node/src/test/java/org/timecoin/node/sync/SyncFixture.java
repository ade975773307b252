package org.timecoin.node.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.node.chain.TestChain;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.production.MempoolBlockProducer;
import org.timecoin.storage.kv.KvStore;

/**
 * A source chain of five certified blocks, an empty target chain with block sync over a {@link
 * FakeNetwork}, on virtual time; stop requests are recorded.
 */
final class SyncFixture implements AutoCloseable {
  static final SyncLimits LIMITS = SyncLimits.defaults(Duration.ofMinutes(10));

  final TestChain source;
  final TestChain target;
  final FakeNetwork net;
  final VirtualClock clock = new VirtualClock();
  final List<String> stops = new CopyOnWriteArrayList<>();
  final List<Long> caughtUp = new CopyOnWriteArrayList<>();
  final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  final List<CertifiedBlock> chain = new ArrayList<>();
  final BlockSync sync;

  SyncFixture() {
    this(UnaryOperator.identity(), LIMITS);
  }

  SyncFixture(UnaryOperator<KvStore> targetStore, SyncLimits limits) {
    this(targetStore, limits, ConsensusParams.defaults());
  }

  /** As above, both chains with {@code params} (e.g. epochs short enough to change in 5 blocks). */
  SyncFixture(UnaryOperator<KvStore> targetStore, SyncLimits limits, ConsensusParams params) {
    source = new TestChain(5, UnaryOperator.identity(), params);
    target = new TestChain(5, targetStore, params);
    net = new FakeNetwork(target.validatorKeys.get(3).publicKey());
    sync =
        new BlockSync(target.chain, net, caughtUp::add, stops::add, timer, clock, 8 << 20, limits);
    new SyncHandler(sync, net).register(Runnable::run);
    new StateCheckHandler(sync, net).register(Runnable::run);
    MempoolBlockProducer producer =
        new MempoolBlockProducer(
            source.chain,
            emptyMempool(source),
            source.validatorKeys.get(0).publicKey(),
            1 << 21,
            100,
            Clock.SYSTEM,
            source.pool);
    for (int h = 1; h <= 5; h++) {
      Block b = producer.produce(h, 0).toCompletableFuture().join();
      CommitCertificate c = source.certify(b);
      source.chain.store(b, c).join();
      chain.add(new CertifiedBlock(b, c));
    }
  }

  static Mempool emptyMempool(TestChain c) {
    return new Mempool(
        c.genesis.chainId(),
        c.genesis.params(),
        c.chain.utxoView(),
        c.signatures,
        c.pool,
        MempoolPolicy.of(10, 1 << 20),
        tx -> {},
        Clock.SYSTEM);
  }

  /** A block sync serving the source chain to the same network, with the given limits. */
  BlockSync server(SyncLimits limits) {
    BlockSync server =
        new BlockSync(source.chain, net, h -> {}, stops::add, timer, clock, 8 << 20, limits);
    new SyncHandler(server, net).register(Runnable::run);
    new StateCheckHandler(server, net).register(Runnable::run);
    return server;
  }

  static PublicKey key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) (i + 1);
    return KeyPair.fromSeed(seed).publicKey();
  }

  @Override
  public void close() {
    sync.close();
    timer.shutdownNow();
    source.close();
    target.close();
  }
}
