package org.timecoin.storage.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Command line of the crash campaign ({@code bin/crash-test}): {@code [--kills N] [--seed S] [--txs
 * T] [--max-blocks B] [--dir D]}. Exits 0 when every round checks out, 1 otherwise.
 */
public final class CrashTest {
  private CrashTest() {}

  public static void main(String[] args) throws Exception {
    int kills = 100;
    long seed = new Random().nextLong();
    int txs = 200;
    int maxBlocks = 10;
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--kills" -> kills = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--txs" -> txs = Integer.parseInt(value);
        case "--max-blocks" -> maxBlocks = Integer.parseInt(value);
        case "--dir" -> dir = Path.of(value);
        default -> {
          System.err.println(
              "usage: crash-test [--kills N] [--seed S] [--txs T] [--max-blocks B] [--dir D]");
          System.exit(2);
        }
      }
      i++;
    }
    if (dir == null) {
      dir = Files.createTempDirectory("timecoin-crash-");
    }
    Files.createDirectories(dir);
    System.out.printf(
        "crash test: %d kills, seed %d, %d txs per block, in %s%n", kills, seed, txs, dir);
    try {
      CrashCampaign.Result r =
          new CrashCampaign(dir, seed, txs, CrashCampaign.currentJvm(), System.out)
              .run(kills, maxBlocks);
      System.out.printf(
          "OK: %d kills, final height %d, %d kills landed after a block was written but before it was reported%n",
          r.kills(), r.finalHeight(), r.tipsAheadOfReport());
    } catch (IllegalStateException e) {
      System.out.println("FAILED: " + e.getMessage());
      System.exit(1);
    }
  }
}
