package org.timecoin.node.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.timecoin.node.config.RpcSection;
import org.timecoin.node.config.SecuritySection;

/**
 * Starts the JSON-RPC server. The rpc module provides it (found with {@link
 * java.util.ServiceLoader}), since rpc depends on node and not the other way round; without it on
 * the class path the node runs without RPC. The server writes its authentication cookie in {@code
 * dataDir}.
 */
public interface RpcServerFactory {
  RunningServer start(
      RpcSection rpc,
      SecuritySection security,
      Path dataDir,
      ChainQueries queries,
      TransactionSubmitter submitter,
      NodeControl control,
      WalletKeys walletKeys,
      WalletService wallet,
      MasternodeService masternodes)
      throws Exception;

  /** A started server. */
  interface RunningServer extends AutoCloseable {
    InetSocketAddress address();

    @Override
    void close();
  }
}
