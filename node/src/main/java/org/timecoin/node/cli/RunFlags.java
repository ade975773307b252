package org.timecoin.node.cli;

import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.config.SyncSection;

/**
 * The daemon flags that override config.toml for one run (named as the first TIME Coin node named
 * them): {@code --listen-addr HOST[:PORT]}, {@code --masternode} and {@code --verbose}; and {@code
 * --[no-]fast-sync}.
 *
 * @param listenHost P2P listen address, or null to keep the config's
 * @param listenPort P2P port, or 0 to keep the config's
 */
public record RunFlags(
    String listenHost,
    int listenPort,
    boolean masternode,
    boolean verbose,
    SyncSection.FastSyncMode fastSync) {
  public static final RunFlags NONE = new RunFlags(null, 0, false, false, null);

  public RunFlags(String listenHost, int listenPort, boolean masternode, boolean verbose) {
    this(listenHost, listenPort, masternode, verbose, null);
  }

  /** With {@code --fast-sync} (true), {@code --no-fast-sync} (false) or neither (null). */
  public RunFlags withFastSync(Boolean on) {
    SyncSection.FastSyncMode mode =
        on == null ? null : on ? SyncSection.FastSyncMode.ON : SyncSection.FastSyncMode.OFF;
    return new RunFlags(listenHost, listenPort, masternode, verbose, mode);
  }

  /** Reads the flags; a malformed {@code --listen-addr} is a {@link ConfigException}. */
  public static RunFlags of(String listenAddr, boolean masternode, boolean verbose) {
    if (listenAddr == null) {
      return new RunFlags(null, 0, masternode, verbose);
    }
    String text = listenAddr.trim();
    String host = text;
    String port = null;
    if (text.startsWith("[")) { // [v6] or [v6]:port
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(listenAddr, "an IPv6 address in brackets needs its ']'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(listenAddr, "expected ':PORT' after ']'");
        }
        port = rest.substring(1);
      }
    } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      host = text.substring(0, text.indexOf(':'));
      port = text.substring(text.indexOf(':') + 1);
    } // more than one ':' without brackets: a bare IPv6 address
    if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      throw invalid(listenAddr, "the host is empty or contains spaces");
    }
    return new RunFlags(host, port == null ? 0 : parsePort(listenAddr, port), masternode, verbose);
  }

  private static int parsePort(String listenAddr, String port) {
    try {
      int p = Integer.parseInt(port);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(listenAddr, "the port must be a number from 1 to 65535");
  }

  private static ConfigException invalid(String listenAddr, String why) {
    return new ConfigException(
        "--listen-addr \"" + listenAddr + "\": expected HOST or HOST:PORT; " + why);
  }

  /** The configuration with these flags applied ({@code --verbose} only changes the log level). */
  public NodeConfig applyTo(NodeConfig config) {
    NodeConfig c = config;
    if (listenHost != null) {
      c = c.withNetwork(c.network().withListenAddress(listenHost));
    }
    if (listenPort != 0) {
      c = c.withNetwork(c.network().withPort(listenPort));
    }
    if (masternode) {
      c = c.withMasternode(c.masternode().withEnabled(true));
    }
    if (fastSync != null) {
      c = c.withSync(c.sync().withFastSync(fastSync));
    }
    return c;
  }

  /** The log level for this run: debug with {@code --verbose}, else the configured one. */
  public String logLevel(NodeConfig config) {
    return verbose ? "debug" : config.logging().level();
  }
}
