package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.node.TimeNode;

/** Real TCP on 127.0.0.1, four validators in this JVM. */
class DevnetIT {
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

  void awaitAll(Predicate<TimeNode> condition) {
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> net.running().stream().allMatch(condition));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("devnet did not get there:" + net.describe(), e);
    }
  }

  @Test
  void fourValidatorsFinalizeTheSameBlocks() throws Exception {
    devnet(4).startAll();
    awaitAll(n -> n.chain().height() >= 5);
    TimeNode a = net.node(0);
    for (TimeNode n : net.running()) {
      assertThat(n.chain().store().blocks().blockAt(5).orElseThrow().hash())
          .isEqualTo(a.chain().store().blocks().blockAt(5).orElseThrow().hash());
    }
  }
}
