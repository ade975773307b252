package org.timecoin.node;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.timecoin.node.chainspec.ChainSpec;
import org.timecoin.node.chainspec.ChainSpecFile;
import org.timecoin.node.chainspec.ChainSpecHome;
import org.timecoin.node.cli.BuildInfo;
import org.timecoin.node.cli.ConfigGenerator;
import org.timecoin.node.cli.DevnetCommand;
import org.timecoin.node.cli.ExportChainSpecCommand;
import org.timecoin.node.cli.InitCommand;
import org.timecoin.node.cli.RpcAuthCommand;
import org.timecoin.node.cli.RunCommand;
import org.timecoin.node.cli.RunFlags;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.NetworkName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The TIME Coin daemon: runs a node from its home directory, or sets one up. */
@Command(
    name = "timed",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.TimedVersion.class,
    description = "TIME Coin node daemon",
    subcommands = {
      InitCommand.class,
      DevnetCommand.class,
      ExportChainSpecCommand.class,
      RpcAuthCommand.class
    })
public final class Timed implements Callable<Integer> {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Node home directory (default ~/.timecoin for mainnet, ~/.timecoin/testnet)")
  Path home;

  @Option(
      names = "--chain",
      paramLabel = "SPEC",
      description =
          "Chain spec file of the network to join; an empty home gets its config, genesis and key")
  Path chain;

  @Option(
      names = "--network",
      paramLabel = "NAME",
      description = "testnet or mainnet (decides the default home and ports)")
  String network;

  private ChainSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Config file (default HOME/config.toml)")
  Path config;

  @Option(
      names = "--listen-addr",
      paramLabel = "HOST[:PORT]",
      description = "P2P listen address and port for this run (overrides [network])")
  String listenAddr;

  @Option(
      names = "--masternode",
      description = "Take part in consensus with the node key (overrides [masternode] enabled)")
  boolean masternode;

  @Option(
      names = "--fast-sync",
      negatable = true,
      description =
          "A new node starts from a peer's snapshot (--no-fast-sync: replays from genesis);"
              + " overrides [sync] fast_sync")
  Boolean fastSync;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log at debug level")
  boolean verbose;

  @Option(
      names = "--generate-config",
      description =
          "Write the config file with every default (and --listen-addr, --masternode), then exit")
  boolean generateConfig;

  private PrintWriter out = new PrintWriter(System.out, true);
  private PrintWriter err = new PrintWriter(System.err, true);

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command line; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Timed timed = new Timed();
    timed.out = out;
    timed.err = err;
    CommandLine cli = new CommandLine(timed);
    cli.setOut(out).setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException
              || e instanceof org.timecoin.node.wallet.WalletFileException) {
            err.println("error: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return cli.execute(args);
  }

  public Path home() {
    return home != null ? home.toAbsolutePath() : homeFor(defaultNetwork());
  }

  /** The home a node of {@code net} uses when none is given. */
  public Path homeFor(NetworkName net) {
    return home != null
        ? home.toAbsolutePath()
        : net.defaultHome(Path.of(System.getProperty("user.home")));
  }

  /** The network named by --network, else by the chain spec, else testnet. */
  private NetworkName defaultNetwork() {
    NetworkName named = requestedNetwork();
    if (named != null) {
      return named;
    }
    return chain != null ? spec().network() : NetworkName.TESTNET;
  }

  private NetworkName requestedNetwork() {
    if (network == null) {
      return null;
    }
    NetworkName n = NetworkName.parse(network);
    if (n == null) {
      throw new ConfigException("--network must be testnet or mainnet, got \"" + network + "\"");
    }
    return n;
  }

  private ChainSpec spec() {
    if (spec == null) {
      spec = ChainSpecFile.load(chain.toAbsolutePath());
    }
    return spec;
  }

  public Path configFile() {
    return config != null ? config.toAbsolutePath() : home().resolve("config.toml");
  }

  /** The config file of {@code homeDir} unless --config names another. */
  public Path configFile(Path homeDir) {
    return config != null ? config.toAbsolutePath() : homeDir.resolve("config.toml");
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /** Without a subcommand: run the node of the home directory. */
  @Override
  public Integer call() throws Exception {
    RunFlags flags = RunFlags.of(listenAddr, masternode, verbose).withFastSync(fastSync);
    if (generateConfig) {
      return ConfigGenerator.write(configFile(), flags, out, err);
    }
    NetworkName requested = requestedNetwork();
    if (chain != null) {
      if (requested != null && requested != spec().network()) {
        throw new ConfigException(
            "--network "
                + requested.text()
                + " but the chain spec is for "
                + spec().network().text());
      }
      ChainSpecHome.prepare(spec(), chain.toAbsolutePath(), configFile(), out);
    }
    return RunCommand.run(configFile(), requested, flags, out, err);
  }
}
