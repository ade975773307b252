package org.timecoin.rpc.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.timecoin.node.config.ConfigException;
import org.timecoin.node.config.ConfigLoader;
import org.timecoin.node.config.NodeConfig;

/**
 * Which node time-cli talks to and how it logs in. Explicit {@code --rpc-user/--rpc-password} win;
 * otherwise the node's cookie, from {@code --datadir}, or from the data directory named by the
 * config.toml of {@code --home} (default {@code ~/.timecoin}). That config also gives the RPC
 * address when {@code --rpc-url} is not given.
 */
record NodeTarget(URI uri, RpcCredentials credentials, Path missingCookie) {
  static final String DEFAULT_URL = "http://127.0.0.1:24101/";

  static NodeTarget resolve(String rpcUrl, String user, String password, Path dataDir, Path home)
      throws IOException {
    if ((user == null) != (password == null)) {
      throw new IOException("--rpc-user and --rpc-password go together");
    }
    Path h = home != null ? home : Path.of(System.getProperty("user.home"), ".timecoin");
    NodeConfig config = config(h);
    URI uri = URI.create(rpcUrl != null ? rpcUrl : config == null ? DEFAULT_URL : url(config));
    if (user != null) {
      return new NodeTarget(uri, new RpcCredentials(user, password), null);
    }
    Path data = dataDir != null ? dataDir : config != null ? config.dataDir() : h.resolve("data");
    Path cookie = data.resolve(RpcCredentials.COOKIE);
    if (!Files.exists(cookie)) {
      // No login yet: commands that need none (help) still work, and a 401 names this path.
      return new NodeTarget(uri, null, cookie);
    }
    return new NodeTarget(uri, RpcCredentials.fromCookie(cookie), null);
  }

  private static NodeConfig config(Path home) throws IOException {
    Path file = home.resolve("config.toml");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return ConfigLoader.load(file);
    } catch (ConfigException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static String url(NodeConfig c) {
    String host = c.rpc().bindAddress();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + c.rpc().port() + "/";
  }
}
