package org.timecoin.storage.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.timecoin.common.Hash32;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.ChainTip;
import org.timecoin.storage.RegistryStore;
import org.timecoin.storage.StorageConfig;
import org.timecoin.storage.kv.OpenMode;

/**
 * Kills a {@link CrashLoop} child JVM with SIGKILL again and again and checks the database after
 * each kill: the tip is a whole block at least as high as the last one the child reported, the
 * stored UTXO set and masternode registry (records, collateral index, epoch sets) equal a clean
 * in-memory replay up to that tip, and the stored commitment equals both the replay's and one
 * recomputed from the stored set. Each child resumes where the last one stopped, so every kill also
 * exercises reopening after a crash.
 */
public final class CrashCampaign {
  /** What a campaign did. */
  public record Result(int kills, long finalHeight, int tipsAheadOfReport) {}

  private final Path dir;
  private final long seed;
  private final int txsPerBlock;
  private final List<String> javaCommand;
  private final PrintStream log;

  /**
   * @param javaCommand the command that starts a JVM able to run {@link CrashLoop} (java binary,
   *     options and classpath), before the main class name
   */
  public CrashCampaign(
      Path dir, long seed, int txsPerBlock, List<String> javaCommand, PrintStream log) {
    this.dir = dir;
    this.seed = seed;
    this.txsPerBlock = txsPerBlock;
    this.javaCommand = List.copyOf(javaCommand);
    this.log = log;
  }

  /** The command that starts a JVM like this one, with its classpath. */
  public static List<String> currentJvm() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(
        java,
        "--enable-native-access=ALL-UNNAMED",
        "-Xmx256m",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"));
  }

  /**
   * Runs {@code kills} kill-and-check rounds; the child is killed after it reported between 1 and
   * {@code maxBlocksPerRound} blocks.
   *
   * @throws IllegalStateException naming the seed and round when a check fails
   */
  public Result run(int kills, int maxBlocksPerRound) throws IOException, InterruptedException {
    Random rnd = new Random(seed);
    Hash32 chainId = CrashLoop.chainId(seed);
    DeterministicChain replay = new DeterministicChain(seed, chainId, txsPerBlock);
    Path db = dir.resolve("db");
    Path childErrors = dir.resolve("child-stderr.log");
    int ahead = 0;
    long height = -1;
    for (int round = 1; round <= kills; round++) {
      int blocks = 1 + rnd.nextInt(maxBlocksPerRound);
      // Killing on "writing" lands the SIGKILL while the batch is being written or just after.
      boolean duringWrite = rnd.nextBoolean();
      long reported = runAndKill(db, childErrors, blocks, duringWrite, round);
      height = check(db, chainId, replay, reported, round);
      if (height > reported) {
        ahead++;
      }
      log.printf(
          "round %d: killed %s block %d, reopened at %d%n",
          round, duringWrite ? "while writing the block after" : "after", reported, height);
    }
    return new Result(kills, height, ahead);
  }

  /**
   * Starts a child and kills it once it reported {@code blocks} blocks applied, or (when {@code
   * duringWrite}) as soon as it starts writing the next one; returns the last height it reported
   * applied.
   */
  private long runAndKill(Path db, Path childErrors, int blocks, boolean duringWrite, int round)
      throws IOException, InterruptedException {
    List<String> command =
        Stream.concat(
                javaCommand.stream(),
                Stream.of(
                    CrashLoop.class.getName(),
                    db.toString(),
                    Long.toString(seed),
                    Integer.toString(txsPerBlock)))
            .toList();
    Process child =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(childErrors.toFile()))
            .start();
    long reported = -1;
    int applied = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      boolean kill = false;
      while (!kill && (line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        switch (parts[0]) {
          case "resumed" -> reported = Long.parseLong(parts[1]);
          case "applied" -> {
            reported = Long.parseLong(parts[1]);
            applied++;
            kill = applied == blocks && !duringWrite;
          }
          case "writing" -> kill = applied == blocks;
          default -> throw new IllegalStateException("unexpected line from the child: " + line);
        }
      }
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no close
      child.waitFor();
    } finally {
      child.destroyForcibly();
    }
    if (applied < blocks) {
      throw new IllegalStateException(
          "seed "
              + seed
              + " round "
              + round
              + ": the child stopped by itself after "
              + applied
              + " blocks; see "
              + childErrors
              + ":\n"
              + (Files.exists(childErrors) ? Files.readString(childErrors) : ""));
    }
    return reported;
  }

  /** Reopens the database and compares it with the replay; returns the reopened tip height. */
  private long check(Path db, Hash32 chainId, DeterministicChain replay, long reported, int round) {
    StorageConfig config = StorageConfig.defaults(db).withMode(OpenMode.MUST_EXIST);
    try (ChainStore store = ChainStore.open(config, chainId)) {
      ChainTip tip = store.tip().orElseThrow(() -> fail(round, "no tip after a reported block"));
      if (tip.height() < reported || tip.height() > reported + 1) {
        throw fail(round, "tip " + tip.height() + " but the child had reported " + reported);
      }
      while (replay.height() < tip.height()) {
        replay.next();
      }
      expect(round, "tip hash", replay.tipHash(), tip.blockHash());
      expect(round, "state root", replay.stateRoot(), tip.stateRoot());
      expect(round, "live state root", replay.stateRoot(), store.stateRoot());
      expect(round, "recomputed state root", replay.stateRoot(), store.recomputeStateRoot());
      expect(
          round,
          "block at tip",
          tip.blockHash(),
          store.blocks().blockAt(tip.height()).map(b -> b.hash()).orElse(null));
      var tipBlock = store.blocks().blockAt(tip.height()).orElseThrow();
      for (int i = 0; i < tipBlock.txs().size(); i++) {
        var location = store.blocks().txLocation(tipBlock.txs().get(i).txid()).orElse(null);
        if (location == null || location.height() != tip.height() || location.position() != i) {
          throw fail(round, "tx index of the tip block is incomplete at position " + i);
        }
      }
      if (store.blocks().certificateAt(tip.height()).isEmpty()) {
        throw fail(round, "no certificate at the tip");
      }
      if (store.blocks().blockAt(tip.height() + 1).isPresent()) {
        throw fail(round, "a block above the tip is stored");
      }
      long count;
      try (Stream<Utxo> stored = store.utxos().streamUtxos()) {
        count =
            stored
                .peek(
                    u -> {
                      if (!u.equals(replay.utxos().get(u.outPoint()))) {
                        throw fail(round, "stored UTXO " + u + " differs from the replay");
                      }
                    })
                .count();
      }
      if (count != replay.utxos().size()) {
        throw fail(round, "stored " + count + " UTXOs, replay has " + replay.utxos().size());
      }
      checkRegistry(store, replay, round);
      return tip.height();
    }
  }

  /** The registry, its collateral index and the epoch sets are those of the tip block. */
  private void checkRegistry(ChainStore store, DeterministicChain replay, int round) {
    RegistryStore registry = store.registry();
    List<MasternodeRecord> stored = new ArrayList<>();
    registry.forEachRecord(stored::add);
    expect(round, "registry records", List.copyOf(replay.records().values()), stored);
    for (MasternodeRecord r : replay.records().values()) {
      expect(
          round,
          "record of collateral " + r.collateral(),
          Optional.of(r),
          registry.byCollateral(r.collateral()));
    }
    for (var e : replay.epochSets().entrySet()) {
      expect(
          round,
          "validator set of epoch " + e.getKey(),
          Optional.of(e.getValue()),
          registry.validatorSet(e.getKey()));
    }
    long next = replay.epochSets().isEmpty() ? 0 : replay.epochSets().lastKey() + 1;
    expect(round, "set of the epoch after the last", Optional.empty(), registry.validatorSet(next));
  }

  private void expect(int round, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      throw fail(round, what + " is " + actual + ", replay says " + expected);
    }
  }

  private IllegalStateException fail(int round, String message) {
    return new IllegalStateException(
        "crash check failed (seed " + seed + ", round " + round + "): " + message);
  }
}
