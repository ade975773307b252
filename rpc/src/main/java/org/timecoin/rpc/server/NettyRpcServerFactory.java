package org.timecoin.rpc.server;

import java.net.InetSocketAddress;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.NodeControl;
import org.timecoin.node.api.RpcServerFactory;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.config.RpcSection;
import org.timecoin.node.config.SecuritySection;
import org.timecoin.rpc.methods.RpcMethods;

/**
 * Starts the Netty JSON-RPC server for a node; registered as a {@link RpcServerFactory} service.
 */
public final class NettyRpcServerFactory implements RpcServerFactory {
  @Override
  public RunningServer start(
      RpcSection rpc,
      SecuritySection security,
      ChainQueries queries,
      TransactionSubmitter submitter,
      NodeControl control,
      WalletKeys wallet)
      throws Exception {
    RpcHttpServer server =
        new RpcHttpServer(
            rpc.bindAddress(),
            rpc.port(),
            rpc.maxRequestBytes(),
            security.rpcMaxConnections(),
            new JsonRpcDispatcher(RpcMethods.all(queries, submitter, control, wallet)));
    server.start();
    return new RunningServer() {
      @Override
      public InetSocketAddress address() {
        return server.address();
      }

      @Override
      public void close() {
        server.close();
      }

      @Override
      public String toString() {
        return "rpc server " + server.address();
      }
    };
  }
}
