package org.timecoin.rpc.server;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import org.timecoin.node.config.RpcAuthEntry;
import org.timecoin.node.config.RpcSection;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.RpcCredentials;

/**
 * A real {@link RpcHttpServer} on 127.0.0.1 with a known cookie secret, an admin user {@code alice}
 * (password {@code wonderland}) and a read-only user {@code bob} (password {@code builder}).
 */
public final class RpcServerFixture implements AutoCloseable {
  public static final String COOKIE_SECRET = "c0ffee".repeat(8);
  public static final RpcAuthEntry ALICE =
      RpcAuthEntry.create("alice", "wonderland", new SecureRandom());
  public static final RpcAuthEntry BOB = RpcAuthEntry.create("bob", "builder", new SecureRandom());

  public final RpcHttpServer server;
  public final URI uri;

  private RpcServerFixture(RpcHttpServer server) {
    this.server = server;
    this.uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/");
  }

  /** The default test section: loopback, any free port, 64 KiB requests, alice and bob. */
  public static RpcSection section() {
    return new RpcSection(true, "127.0.0.1", 0, 64 * 1024)
        .withAuth(List.of(ALICE, BOB), List.of("bob"));
  }

  public static RpcServerFixture start(
      RpcSection rpc, int maxConnections, JsonRpcDispatcher dispatcher) throws Exception {
    RpcHttpServer server =
        new RpcHttpServer(
            rpc,
            maxConnections,
            new RpcAuthenticator(COOKIE_SECRET, rpc.auth(), rpc.readOnlyUsers()),
            dispatcher);
    server.start();
    return new RpcServerFixture(server);
  }

  public static RpcCredentials cookie() {
    return new RpcCredentials(RpcAuthEntry.COOKIE_USER, COOKIE_SECRET);
  }

  public RpcClient client() {
    return new RpcClient(uri, cookie());
  }

  public RpcClient client(String user, String password) {
    return new RpcClient(uri, new RpcCredentials(user, password));
  }

  @Override
  public void close() {
    server.close();
  }
}
