package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.TimeNode;
import org.timecoin.node.chain.FaultyKvStore;
import org.timecoin.node.chain.FaultyKvStore.Fault;
import org.timecoin.node.config.SyncSection;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Status;
import org.timecoin.testkit.net.HostilePeer;

/**
 * Sync and block serving attacked over real sockets: a peer lying about its height, our own disk
 * failing mid-sync, and floods of block and state-root requests with reconnect cycling.
 */
class HostileSyncIT {
  static final long TESTNET_MAGIC = 0x54494D30L;
  static final long LIE = 1L << 62;

  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  LocalDevnet devnet(int validators) {
    int base = Ports.freeRun(2 * validators + 4);
    net =
        LocalDevnet.create(
            dir,
            validators,
            base,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            List.of(),
            Clock.SYSTEM);
    return net;
  }

  void awaitThat(String what, Duration atMost, BooleanSupplier condition) {
    try {
      await().atMost(atMost).until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(what + " did not happen:" + net.describe(), e);
    }
  }

  long minHeight() {
    return net.running().stream().mapToLong(n -> n.chain().height()).min().orElse(0);
  }

  static KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) 0x77;
    seed[1] = (byte) i;
    return KeyPair.fromSeed(seed);
  }

  HostilePeer attack(TimeNode node, KeyPair as, long claimedHeight) throws Exception {
    InetSocketAddress at =
        new InetSocketAddress("127.0.0.1", node.network().localAddress().getPort());
    return HostilePeer.connect(at)
        .handshake(TESTNET_MAGIC, net.genesis().hash(), as, claimedHeight);
  }

  @Test
  void aPeerClaimingHeight2pow62IsGivenUpAndPenalizedAndTheNodeFollowsTheTip() throws Exception {
    devnet(4);
    net.changeConfig(0, c -> c.withSync(new SyncSection(Duration.ofMillis(1_000), 16L << 20, 64)));
    net.startAll();
    awaitThat("the first blocks", Duration.ofSeconds(60), () -> minHeight() >= 3);
    TimeNode victim = net.node(0);
    KeyPair liar = key(1);
    try (HostilePeer peer = attack(victim, liar, LIE)) {
      peer.startReading(true);
      peer.send(NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
      awaitThat(
          "giving up on the liar",
          Duration.ofSeconds(60),
          () -> victim.sync().gaveUpOn(liar.publicKey()));
      assertThat(victim.sync().rangesMissed()).isGreaterThanOrEqualTo(3); // each one penalized
      boolean asked = false;
      for (HostilePeer.Frame f; (f = peer.poll(Duration.ZERO)) != null; ) {
        asked |= f.type() == NodeMessages.GET_BLOCKS.id();
      }
      assertThat(asked).as("the liar was asked for blocks").isTrue();
      peer.send(NodeMessages.STATUS, new Status(LIE, Hash32.ZERO));
      long now = victim.chain().height();
      awaitThat(
          "following the tip",
          Duration.ofSeconds(60),
          () -> !victim.sync().syncing() && victim.chain().height() >= now + 3);
      assertThat(victim.sync().bestPeerHeight()).isLessThan(LIE);
      assertThat(victim.sync().provenHeight()).isGreaterThanOrEqualTo(now).isLessThan(LIE);
      assertThat(victim.network().peers()).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void aFullDiskDuringSyncStopsTheNodeNamingHeightAndCauseAndBansNoPeer() throws Exception {
    devnet(4).prebuildEmptyBlocks(400);
    net.startAll();
    awaitThat("the validators", Duration.ofSeconds(60), () -> minHeight() >= 401);
    int base = Ports.freeRun(2);
    int full = net.addFullNode(base, base + 1);
    AtomicReference<FaultyKvStore> kv = new AtomicReference<>();
    TimeNode f =
        net.start(
            full,
            inner -> {
              kv.set(new FaultyKvStore(inner));
              kv.get().failAfter(150, Fault.DISK_FULL);
              return kv.get();
            });
    String reason = f.stopRequested().get(60, java.util.concurrent.TimeUnit.SECONDS);
    long failed = f.chain().height() + 1;
    assertThat(failed).isLessThan(401);
    assertThat(reason)
        .contains("storage fault while storing block " + failed + ":")
        .contains("disk full");
    assertThat(f.sync().halted()).isTrue();
    for (TimeNode n : net.running()) {
      assertThat(n.network().metrics().bansImposed()).isZero();
      assertThat(n.sync().distrustedPeers()).isZero();
    }
    assertThat(f.network().peers()).isNotEmpty();
  }
}
