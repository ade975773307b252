package org.timecoin.p2p;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;

/** Nodes on 127.0.0.1 with short intervals, closed together at the end of a test. */
final class TestNet implements AutoCloseable {
  static final long MAGIC = 0x54494D30L;
  static final Hash32 GENESIS = Sha256.hash("p2p test genesis".getBytes(StandardCharsets.UTF_8));

  static final Codec<String> TEXT =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, String value) {
          out.bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String read(ByteReader in) {
          return new String(in.bytes(1 << 20), StandardCharsets.UTF_8);
        }
      };

  static final Codec<byte[]> BLOB =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, byte[] value) {
          out.bytes(value);
        }

        @Override
        public byte[] read(ByteReader in) {
          return in.bytes(8 << 20);
        }
      };

  final ExecutorService delivery =
      Executors.newCachedThreadPool(
          Thread.ofPlatform().name("delivery-", 0).daemon(true).factory());
  private final List<P2pNode> nodes = new ArrayList<>();
  private final SplittableRandom random;
  final AtomicLong height = new AtomicLong();
  private boolean expectLoopViolations;

  TestNet(long seed) {
    this.random = new SplittableRandom(seed);
  }

  static P2pConfig.Builder config() {
    return P2pConfig.builder(MAGIC, GENESIS)
        .listen("127.0.0.1", 0)
        .pingInterval(Duration.ofMillis(100))
        .peerTimeout(Duration.ofSeconds(3))
        .handshakeTimeout(Duration.ofSeconds(2))
        .maintenanceInterval(Duration.ofMillis(50))
        .discoveryInterval(Duration.ofMillis(200))
        .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(400))
        .banDuration(Duration.ofMinutes(10))
        .maxFrameSize(16 * 1024 * 1024)
        .ioThreads(2);
  }

  KeyPair newKey() {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return KeyPair.fromSeed(seed);
  }

  P2pNode create(P2pConfig config, KeyPair key) {
    return create(config, key, delivery, height::get);
  }

  P2pNode create(P2pConfig config, KeyPair key, Executor executor, LongSupplier bestHeight) {
    P2pNode node = new P2pNode(config, key, executor, Clock.SYSTEM, bestHeight, random.split());
    nodes.add(node);
    return node;
  }

  /** A started node whose wall clock reads {@code clock}. */
  P2pNode start(P2pConfig config, Clock clock) {
    P2pNode node = new P2pNode(config, newKey(), delivery, clock, height::get, random.split());
    nodes.add(node);
    node.start();
    return node;
  }

  P2pNode start(P2pConfig config, KeyPair key) {
    P2pNode node = create(config, key);
    node.start();
    return node;
  }

  P2pNode start(P2pConfig config) {
    return start(config, newKey());
  }

  static PeerAddress addressOf(P2pNode node) {
    return new PeerAddress("127.0.0.1", node.localAddress().getPort());
  }

  static P2pConfig.Builder bootstrappedTo(P2pNode... seeds) {
    List<PeerAddress> list = new ArrayList<>();
    for (P2pNode n : seeds) {
      list.add(addressOf(n));
    }
    return config().bootstrapPeers(list);
  }

  @Override
  public void close() {
    for (P2pNode n : nodes) {
      n.close();
    }
    delivery.shutdownNow();
    // Every test doubles as a check that no handler, listener, signature check or file write ran
    // on a network thread; only a test that provokes it on purpose opts out.
    if (!expectLoopViolations) {
      for (P2pNode n : nodes) {
        if (n.metrics().rejections(RejectReason.DELIVERY_ON_EVENT_LOOP) != 0) {
          throw new AssertionError("work ran on an event loop of " + n.nodeKey());
        }
      }
    }
  }

  /** For the test that hands p2p a direct executor to prove the guard trips. */
  void expectLoopViolations() {
    expectLoopViolations = true;
  }
}
