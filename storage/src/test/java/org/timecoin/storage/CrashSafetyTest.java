package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.storage.tools.CrashCampaign;

/**
 * SIGKILLs a child JVM that applies blocks, 20 times at random moments, and checks after each kill
 * that the reopened store is at a whole block equal to a clean replay (see {@link CrashCampaign});
 * {@code bin/crash-test --kills N} runs longer campaigns.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  @Test
  void storeReopensAtAWholeBlockAfterEveryKill() throws Exception {
    long seed = 20261126L;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CrashCampaign campaign =
        new CrashCampaign(
            dir,
            seed,
            100,
            CrashCampaign.currentJvm(),
            new PrintStream(log, true, StandardCharsets.UTF_8));
    CrashCampaign.Result result = campaign.run(20, 3);
    assertThat(result.kills()).as("seed %d:%n%s", seed, log).isEqualTo(20);
    assertThat(result.finalHeight()).as("seed %d", seed).isGreaterThanOrEqualTo(20);
  }
}
