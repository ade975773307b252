package org.timecoin.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of {@code bin/bench}: one subcommand per benchmark. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "TIME Coin benchmarks. Each prints a table; with --json, one JSON object last.",
    subcommands = {
      SigLimitBench.class,
      BlockValidateBench.class,
      BlockApplyBench.class,
      UtxoMemoryBench.class,
      ConsensusSimBench.class,
      ViewChangeBench.class,
      RecoveryBench.class,
      DevnetBench.class,
      WireBench.class,
      LoadBench.class,
      SyncBench.class,
      WalletBench.class,
      EpochBench.class,
      FastSyncBench.class,
      SnapshotImportBench.class,
    })
public final class BenchMain implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--list", description = "List the benchmarks.")
  private boolean list;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every benchmark registered. */
  public static CommandLine commandLine() {
    return new CommandLine(new BenchMain());
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!list) {
      spec.commandLine().usage(out);
      return 2;
    }
    spec.subcommands()
        .forEach(
            (name, sub) -> {
              String[] description = sub.getCommandSpec().usageMessage().description();
              out.printf("%-16s %s%n", name, description.length > 0 ? description[0] : "");
            });
    out.flush();
    return 0;
  }
}
