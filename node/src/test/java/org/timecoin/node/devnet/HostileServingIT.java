package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.TimeNode;
import org.timecoin.node.config.SyncSection;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.p2p.MessageType;
import org.timecoin.testkit.net.HostilePeer;

/**
 * Floods of GET_BLOCKS and GET_STATE_ROOT against every validator of a devnet, from flooders that
 * reconnect every 100 ms and send bursts just under the per-connection rate limits. Rate budgets
 * and serving budgets are kept per node key across connections, so a flooder's key is soon banned;
 * it then goes on with a fresh key, as an attacker with many keys would, and the flood lasts
 * through the measurement. Blocks keep coming at their usual interval, and what each key is served
 * stays within its byte budget, which reconnecting does not refill.
 */
class HostileServingIT {
  static final long TESTNET_MAGIC = 0x54494D30L;
  static final long BUDGET = 64 << 10;
  static final int BLOCKS_MEASURED = 20;

  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void requestFloodsWithReconnectCyclingLeaveTheBlockIntervalAndAreHeldToTheBudget()
      throws Exception {
    int base = Ports.freeRun(12);
    net =
        LocalDevnet.create(
            dir, 4, base, Duration.ofMillis(100), Duration.ofMillis(300), List.of(), Clock.SYSTEM);
    for (int i = 0; i < 4; i++) {
      net.changeConfig(i, c -> c.withSync(new SyncSection(Duration.ofSeconds(5), BUDGET, 64)));
    }
    net.startAll();
    TimeNode observer = net.node(0);
    awaitHeight(observer, 5);
    double before = meanInterval(observer);

    AtomicLong cycles = new AtomicLong();
    Map<KeyPair, AtomicLong> servedBytes = new ConcurrentHashMap<>();
    AtomicIntegerArray keyOf = new AtomicIntegerArray(4);
    ScheduledExecutorService flooders = Executors.newScheduledThreadPool(2);
    long floodStart = System.nanoTime();
    double during;
    long flooding;
    try {
      for (int i = 0; i < 4; i++) {
        int victim = i;
        flooders.scheduleAtFixedRate(
            () -> floodOnce(victim, keyOf, cycles, servedBytes), 0, 100, TimeUnit.MILLISECONDS);
      }
      // The flood is under way before the interval is measured, however slow this machine is.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> cycles.get() >= 4);
      long cyclesBefore = cycles.get();
      during = meanInterval(observer);
      flooding = cycles.get() - cyclesBefore;
    } finally {
      flooders.shutdownNow();
      flooders.awaitTermination(10, TimeUnit.SECONDS);
    }
    double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
    System.out.printf(
        "block interval before %.0f ms, during %.0f ms; %d connections in %.1f s (%d while"
            + " measuring) with %d keys; served %s; dropped %d/%d/%d/%d; bans %d%n",
        before,
        during,
        cycles.get(),
        floodSeconds,
        flooding,
        servedBytes.size(),
        servedBytes.values(),
        net.node(0).sync().requestsDroppedOverBudget(),
        net.node(1).sync().requestsDroppedOverBudget(),
        net.node(2).sync().requestsDroppedOverBudget(),
        net.node(3).sync().requestsDroppedOverBudget(),
        bans(net));

    assertThat(flooding)
        .as("connections the flooders cycled through while the interval was measured")
        .isGreaterThanOrEqualTo(4);
    assertThat(bans(net)).as("flooders' keys banned").isPositive();
    assertThat(during)
        .as("mean block interval during the flood (ms), before it %.0f ms", before)
        .isLessThanOrEqualTo(2 * before);
    for (int i = 0; i < 4; i++) {
      assertThat(net.node(i).sync().requestsDroppedOverBudget())
          .as("requests node %d dropped", i)
          .isPositive();
    }
    // Answers are charged by an estimate a little under their encoded size; one may overdraw.
    double bound = 2 * (BUDGET * floodSeconds + BUDGET) + (256 << 10);
    servedBytes.forEach(
        (key, served) ->
            assertThat((double) served.get())
                .as("block bytes served to flooder key %s", key.publicKey())
                .isLessThanOrEqualTo(bound));
  }

  private static long bans(LocalDevnet net) {
    return net.running().stream().mapToLong(n -> n.network().metrics().bansImposed()).sum();
  }

  /**
   * One connection: a burst just under the per-connection rate limits, then hang up. A refused
   * handshake (the key is banned) moves this victim's flooder on to a fresh key.
   */
  private void floodOnce(
      int victim,
      AtomicIntegerArray keyOf,
      AtomicLong cycles,
      Map<KeyPair, AtomicLong> servedBytes) {
    TimeNode node = net.node(victim);
    InetSocketAddress at =
        new InetSocketAddress("127.0.0.1", node.network().localAddress().getPort());
    KeyPair key = key(victim, keyOf.get(victim));
    HostilePeer peer;
    try {
      peer = HostilePeer.connect(at).handshake(TESTNET_MAGIC, net.genesis().hash(), key, 0);
    } catch (IOException e) {
      keyOf.incrementAndGet(victim); // refused: banned, so on with the next key
      return;
    }
    AtomicLong served = servedBytes.computeIfAbsent(key, k -> new AtomicLong());
    try (peer) {
      cycles.incrementAndGet();
      peer.startReading(true);
      peer.sendRaw(burst(node.chain().height()));
      for (HostilePeer.Frame f; (f = peer.poll(Duration.ofMillis(30))) != null; ) {
        if (f.type() == NodeMessages.BLOCKS.id()) {
          served.addAndGet(f.payload().length);
        }
      }
    } catch (IOException e) {
      // refused or cut off by the node (banned, say): that is the node defending itself
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Frames just under the per-connection rate limits (100 GET_BLOCKS, 20 GET_STATE_ROOT), written
   * at once so the flooder spends little of the machine's time on itself.
   */
  private static byte[] burst(long tip) {
    ByteWriter w = new ByteWriter(128 * 32);
    for (int k = 0; k < 90; k++) {
      frame(w, NodeMessages.GET_BLOCKS, new GetBlocks(1 + k % Math.max(1, tip), 128));
    }
    for (int k = 0; k < 18; k++) {
      frame(w, NodeMessages.GET_STATE_ROOT, new GetStateRoot(k % Math.max(1, tip)));
    }
    return w.toByteArray();
  }

  private static <T> void frame(ByteWriter w, MessageType<T> type, T message) {
    byte[] payload = type.codec().encode(message);
    w.u32(2 + payload.length).u8(type.id()).u8(0).raw(payload);
  }

  /** Mean interval between the block timestamps of the next {@link #BLOCKS_MEASURED} blocks. */
  private double meanInterval(TimeNode node) {
    long from = node.chain().height();
    awaitHeight(node, from + BLOCKS_MEASURED);
    long first = node.chain().store().blocks().blockAt(from).orElseThrow().header().timestamp();
    long last =
        node.chain()
            .store()
            .blocks()
            .blockAt(from + BLOCKS_MEASURED)
            .orElseThrow()
            .header()
            .timestamp();
    return (double) (last - first) / BLOCKS_MEASURED;
  }

  private void awaitHeight(TimeNode node, long height) {
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> node.chain().height() >= height);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("height " + height + " not reached:" + net.describe(), e);
    }
  }

  private static KeyPair key(int victim, int generation) {
    byte[] seed = new byte[32];
    seed[0] = (byte) 0x55;
    seed[1] = (byte) victim;
    seed[2] = (byte) generation;
    seed[3] = (byte) (generation >>> 8);
    return KeyPair.fromSeed(seed);
  }
}
