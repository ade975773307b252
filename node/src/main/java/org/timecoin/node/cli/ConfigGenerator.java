package org.timecoin.node.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeConfig;

/**
 * {@code timed --generate-config}: writes config.toml with every default and a comment per key
 * (plus what {@code --listen-addr} and {@code --masternode} say), then exits. It never overwrites a
 * file.
 */
public final class ConfigGenerator {
  private ConfigGenerator() {}

  public static int write(Path file, RunFlags flags, PrintWriter out, PrintWriter err) {
    if (Files.exists(file)) {
      err.println(file + " already exists; remove it first or name another file with --config");
      return 1;
    }
    Path dir = file.toAbsolutePath().getParent();
    ConfigLoader.write(file, flags.applyTo(NodeConfig.defaults(dir, NetworkName.TESTNET)));
    out.println("wrote " + file);
    return 0;
  }
}
