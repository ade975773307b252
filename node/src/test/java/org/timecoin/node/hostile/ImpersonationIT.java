package org.timecoin.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.TimeNode;
import org.timecoin.p2p.RejectReason;
import org.timecoin.testkit.net.HostilePeer;

/**
 * An attacker with a fresh key claims an honest validator's key in its HELLO and fails the AUTH,
 * against every other node. A key is charged only once it has signed a handshake: the honest
 * validator stays connected and unbanned, and the network keeps finalizing with it.
 */
class ImpersonationIT {
  @TempDir Path dir;
  private HostileDevnet devnet;

  @AfterEach
  void stop() {
    if (devnet != null) {
      devnet.close();
    }
  }

  @Test
  void aForgedHandshakeInAValidatorsNameDoesNotCutItOff() throws Exception {
    devnet = new HostileDevnet(dir);
    int victim = 1;
    PublicKey victimKey = devnet.node(victim).key().publicKey();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        if (i == victim) {
          continue;
        }
        try (HostilePeer attacker = devnet.connect(i, 1 + i)) {
          attacker.readHello();
          byte[] nonce = attacker.sendHello(HostileDevnet.MAGIC, devnet.genesis(), victimKey, 0);
          attacker.sendAuth(devnet.freshKey(), nonce, devnet.genesis());
          assertThat(attacker.awaitClosedByNode(Duration.ofSeconds(10))).isTrue();
        } catch (IOException e) {
          // the node hung up before the forged AUTH was out: what it thinks of the key shows below
        }
      }
    }

    devnet.awaitProgress(5);
    for (int i = 0; i < 4; i++) {
      TimeNode n = devnet.node(i);
      assertThat(n.network().metrics().rejections(RejectReason.BAD_SIGNATURE))
          .as("node %d saw the forged AUTHs", i)
          .isEqualTo(i == victim ? 0 : 3);
      assertThat(n.network().metrics().rejections(RejectReason.BANNED))
          .as("node %d refused nobody as banned", i)
          .isZero();
      if (i != victim) {
        assertThat(n.network().peer(victimKey)).as("node %d still has the victim", i).isPresent();
      }
    }
    assertThat(devnet.node(victim).network().peers()).hasSize(3);
    assertThat(devnet.node(victim).chain().height()).isGreaterThanOrEqualTo(devnet.maxHeight() - 1);
  }
}
