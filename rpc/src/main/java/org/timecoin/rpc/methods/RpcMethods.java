package org.timecoin.rpc.methods;

import java.util.List;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.NodeControl;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.server.RpcMethod;

/** Every method the node serves, {@code help} included. */
public final class RpcMethods {
  private RpcMethods() {}

  public static List<RpcMethod> all(
      ChainQueries chain, TransactionSubmitter submitter, NodeControl control, WalletKeys wallet) {
    return Help.appendTo(
        List.of(
            new GetBlockchainInfo(chain),
            new GetBlockCount(chain),
            new GetBestBlockHash(chain),
            new GetBlock(chain),
            new GetPeerInfo(chain),
            new GetConsensusInfo(chain),
            new GetMempoolInfo(chain),
            new GetRawMempool(chain),
            new GetTxOutSetInfo(chain),
            new SendRawTransaction(submitter),
            new ValidateAddress(chain),
            new GetRawTransaction(chain),
            new GetTransactionFinality(chain),
            new WaitTransactionFinality(chain),
            new ListUnspent(chain),
            new GetBalance(chain),
            new MasternodeList(chain),
            new GetNetworkInfo(chain),
            new GetChainSpec(chain),
            new Uptime(chain),
            new Stop(control),
            new GetNewAddress(wallet),
            new ListAddresses(wallet),
            new GetWalletInfo(wallet),
            new EncryptWallet(wallet),
            new WalletPassphrase(wallet),
            new WalletLock(wallet),
            new BackupWallet(wallet),
            new ImportPrivKey(wallet),
            new DumpPrivKey(wallet)));
  }

  /**
   * Every method, for its name and help text only (time-cli builds its commands from them): the
   * methods hold no node, and calling one fails.
   */
  public static List<RpcMethod> catalog() {
    return all(null, null, null, null);
  }
}
