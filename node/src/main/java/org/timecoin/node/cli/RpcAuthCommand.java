package org.timecoin.node.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.timecoin.node.Timed;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.RpcAuthEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code timed rpcauth USER}: prints an {@code [rpc] auth} entry for a new user (and the password,
 * generated unless given), so the password itself never goes into config.toml.
 */
@Command(
    name = "rpcauth",
    description = "Make an [rpc] auth entry (user:salt$hash) for config.toml")
public final class RpcAuthCommand implements Callable<Integer> {
  @ParentCommand Timed parent;

  @Parameters(index = "0", paramLabel = "USER", description = "User name")
  String user;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      description = "Use this password (default: a new random one, printed)")
  String password;

  @Override
  public Integer call() {
    PrintWriter out = parent.out();
    SecureRandom random = new SecureRandom();
    String pw = password;
    if (pw == null) {
      byte[] b = new byte[24];
      random.nextBytes(b);
      pw = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
    RpcAuthEntry entry;
    try {
      entry = RpcAuthEntry.create(user, pw, random);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("rpcauth: " + e.getMessage());
    }
    out.println("Add to the [rpc] section of config.toml:");
    out.println("auth = [\"" + entry.text() + "\"]");
    out.println("Password for " + user + ": " + pw);
    return 0;
  }
}
