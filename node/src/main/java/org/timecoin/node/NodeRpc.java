package org.timecoin.node;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.NodeControl;
import org.timecoin.node.api.RpcServerFactory;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.config.NodeConfig;

/**
 * The node's JSON-RPC server, when [rpc] is on and the rpc module is on the class path. It may
 * start before the node's parts ({@link #startEarly}), answering from {@link StartupRpc}'s
 * stand-ins so an operator sees a fast sync's phase, until {@link #serve} switches it to the parts.
 */
final class NodeRpc {
  private static final Logger log = LoggerFactory.getLogger(NodeRpc.class);

  private final NodeConfig config;
  private final NodeControl control;
  private final Consumer<AutoCloseable> onStarted;
  private StartupRpc early;
  private RpcServerFactory.RunningServer server;

  /**
   * @param onStarted told of the server once it runs, to be closed with the node
   */
  NodeRpc(NodeConfig config, NodeControl control, Consumer<AutoCloseable> onStarted) {
    this.config = config;
    this.control = control;
    this.onStarted = onStarted;
  }

  boolean enabled() {
    return config.rpc().enabled();
  }

  /** Starts answering with the stand-ins of {@code startup}. */
  void startEarly(StartupRpc startup) throws Exception {
    if (start(
        startup.queries(),
        startup.submitter(),
        startup.walletKeys(),
        startup.wallet(),
        startup.masternodes())) {
      early = startup;
    }
  }

  /** Answers from the node's parts: the early server switches to them, else one starts now. */
  void serve(
      ChainQueries q, TransactionSubmitter s, WalletKeys keys, WalletService w, MasternodeService m)
      throws Exception {
    if (early != null) {
      early.started(q, s, keys, w, m);
      return;
    }
    start(q, s, keys, w, m);
  }

  Optional<InetSocketAddress> address() {
    return Optional.ofNullable(server).map(RpcServerFactory.RunningServer::address);
  }

  /** Starts the server on these parts; false when RPC is off or there is no rpc module. */
  private boolean start(
      ChainQueries q, TransactionSubmitter s, WalletKeys keys, WalletService w, MasternodeService m)
      throws Exception {
    if (!enabled()) {
      return false;
    }
    Optional<RpcServerFactory> factory = ServiceLoader.load(RpcServerFactory.class).findFirst();
    if (factory.isEmpty()) {
      log.warn(
          "JSON-RPC is enabled but the rpc module is not on the class path; running without RPC");
      return false;
    }
    server =
        factory
            .get()
            .start(config.rpc(), config.security(), config.dataDir(), q, s, control, keys, w, m);
    onStarted.accept(server);
    return true;
  }
}
