package org.timecoin.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.TimeNode;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.p2p.RejectReason;
import org.timecoin.testkit.net.HostilePeer;

/**
 * Attacks on the links of a running 4-validator devnet: a peer that asks for answers and never
 * reads them, and one host that opens many connections and feeds junk addresses. The honest network
 * keeps finalizing, the node's buffers stay bounded, and the attacker is shut out.
 */
class HostileLinkIT {
  /** Beyond Netty's own pool chunks, what an attacker's unread answers may hold at most. */
  private static final long DIRECT_MEMORY_SLACK = 64L << 20;

  @TempDir Path dir;
  private HostileDevnet devnet;

  @AfterEach
  void stop() {
    if (devnet != null) {
      devnet.close();
    }
  }

  private static long directMemory() {
    return PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
  }

  @Test
  void aPeerThatAsksAndNeverReadsIsDisconnectedWithBoundedMemory() throws Exception {
    devnet = new HostileDevnet(dir);
    TimeNode victim = devnet.node(0);
    long directBefore = directMemory();
    try (HostilePeer attacker = devnet.connect(0, 9)) {
      attacker.handshake(HostileDevnet.MAGIC, devnet.genesis(), devnet.freshKey(), 0);
      attacker.stopReading();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long maxDirect = directBefore;
      try {
        // PING and GETADDR within their limits, and block ranges whose answers are large.
        for (long i = 0; System.nanoTime() < deadline; i++) {
          attacker.sendPing(i, 0);
          if (i % 2 == 0) {
            attacker.sendGetAddr();
          }
          attacker.send(NodeMessages.GET_BLOCKS, new GetBlocks(1, 64));
          maxDirect = Math.max(maxDirect, directMemory());
          await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
        }
      } catch (IOException e) {
        // the node closed the connection: what the test waits for
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> victim.network().peers().stream().noneMatch(p -> !isValidator(p.nodeKey())));
      assertThat(maxDirect - directBefore).isLessThan(DIRECT_MEMORY_SLACK);
    }
    assertThat(victim.network().metrics().rejections(RejectReason.SEND_STALLED)).isPositive();
    devnet.awaitProgress(3);
    for (int i = 0; i < 4; i++) {
      assertThat(devnet.node(i).network().peers()).hasSize(3);
    }
  }

  @Test
  void manyConnectionsAndJunkAddressesFromOneHostDoNotShutOutHonestPeers() throws Exception {
    devnet = new HostileDevnet(dir);
    List<HostilePeer> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        try {
          HostilePeer p = devnet.connect(0, 5);
          flood.add(p);
          p.handshake(HostileDevnet.MAGIC, devnet.genesis(), devnet.freshKey(), 0);
          p.startReading(true);
        } catch (IOException e) {
          // refused: the per-host limit at work
        }
      }
      HostilePeer talker = flood.get(0);
      for (int round = 0; round < 2; round++) {
        List<String> junk = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
          junk.add(
              round == 0 ? "10." + (k % 250) + "." + (k / 250) + ".7" : "junk" + k + ".invalid");
        }
        talker.sendAddr(junk, 24100);
      }
      assertThat(devnet.node(0).network().metrics().rejections(RejectReason.INBOUND_IP_LIMIT))
          .isPositive();

      // An honest validator restarts: it gets back in and the network goes on with all four.
      devnet.net.stop(3);
      devnet.net.start(3);
      devnet.awaitAll(
          n -> n.network().peers().stream().filter(p -> isValidator(p.nodeKey())).count() == 3);
      devnet.awaitProgress(3);
    } finally {
      for (HostilePeer p : flood) {
        p.close();
      }
    }
  }

  private boolean isValidator(PublicKey key) {
    return devnet.node(0).chain().validators().contains(key);
  }
}
