package org.timecoin.node.hostile;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.TimeNode;
import org.timecoin.node.config.SecuritySection;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.node.devnet.Ports;
import org.timecoin.testkit.net.HostilePeer;

/**
 * A 4-validator devnet on 127.0.0.1 under attack, with what an attacker needs: each node's P2P
 * address, the chain's magic and genesis, fresh keys, and attacker addresses in another network
 * (127.0.1.x: Linux routes all of 127/8 to the loopback device).
 */
final class HostileDevnet implements AutoCloseable {
  static final long MAGIC = 0x54494D30L; // testnet
  static final Duration BLOCK_INTERVAL = Duration.ofMillis(200);

  final LocalDevnet net;
  private final SecureRandom random = new SecureRandom();

  HostileDevnet(Path dir) throws Exception {
    int base = Ports.freeRun(12);
    net = LocalDevnet.create(dir, 4, base, BLOCK_INTERVAL, BLOCK_INTERVAL, List.of(), Clock.SYSTEM);
    // A devnet lets many peers in from 127.0.0.1; attacks from one host meet the real limits.
    SecuritySection real = SecuritySection.defaults();
    for (int i = 0; i < 4; i++) {
      net.changeConfig(
          i,
          c ->
              c.withSecurity(
                  c.security()
                      .withInboundPerSource(real.maxInboundPerIp(), real.maxInboundPerSubnet())));
    }
    net.startAll();
    awaitAll(n -> n.chain().height() >= 3 && n.network().peers().size() == 3);
  }

  TimeNode node(int i) {
    return net.node(i);
  }

  Hash32 genesis() {
    return net.genesis().hash();
  }

  InetSocketAddress p2p(int i) {
    return new InetSocketAddress("127.0.0.1", node(i).network().localAddress().getPort());
  }

  KeyPair freshKey() {
    return KeyPair.generate(random);
  }

  /** A connection to node i from an attacker address 127.0.1.{host}. */
  HostilePeer connect(int i, int host) throws Exception {
    return HostilePeer.connect(p2p(i), InetAddress.getByName("127.0.1." + host));
  }

  long maxHeight() {
    return net.running().stream().mapToLong(n -> n.chain().height()).max().orElse(0);
  }

  /** Waits until every node has finalized {@code more} blocks beyond the current best. */
  void awaitProgress(int more) {
    long target = maxHeight() + more;
    awaitAll(n -> n.chain().height() >= target);
  }

  void awaitAll(Predicate<TimeNode> condition) {
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> net.running().stream().allMatch(condition));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("devnet did not get there:" + net.describe(), e);
    }
  }

  @Override
  public void close() {
    net.close();
  }
}
