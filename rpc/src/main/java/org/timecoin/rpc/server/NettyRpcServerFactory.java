package org.timecoin.rpc.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.NodeControl;
import org.timecoin.node.api.RpcServerFactory;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.config.RpcSection;
import org.timecoin.node.config.SecuritySection;
import org.timecoin.rpc.methods.RpcMethods;

/**
 * Starts the Netty JSON-RPC server for a node, with a new cookie in its data directory; registered
 * as a {@link RpcServerFactory} service.
 */
public final class NettyRpcServerFactory implements RpcServerFactory {
  @Override
  public RunningServer start(
      RpcSection rpc,
      SecuritySection security,
      Path dataDir,
      ChainQueries queries,
      TransactionSubmitter submitter,
      NodeControl control,
      WalletKeys walletKeys,
      WalletService wallet,
      MasternodeService masternodes)
      throws Exception {
    CookieFile cookie = CookieFile.write(dataDir, new SecureRandom());
    RpcHttpServer server =
        new RpcHttpServer(
            rpc,
            security.rpcMaxConnections(),
            new RpcAuthenticator(cookie.secret(), rpc.auth(), rpc.readOnlyUsers()),
            new JsonRpcDispatcher(
                RpcMethods.all(queries, submitter, control, walletKeys, wallet, masternodes),
                limits(rpc)));
    try {
      server.start();
    } catch (Exception | Error e) {
      cookie.close();
      throw e;
    }
    return new RunningServer() {
      @Override
      public InetSocketAddress address() {
        return server.address();
      }

      @Override
      public void close() {
        server.close();
        cookie.close();
      }

      @Override
      public String toString() {
        return "rpc server " + server.address();
      }
    };
  }

  public static DispatchLimits limits(RpcSection rpc) {
    return new DispatchLimits(
        rpc.maxBatch(), rpc.maxJsonDepth(), rpc.maxStringLength(), rpc.maxResponseBytes());
  }
}
