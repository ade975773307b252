package org.timecoin.rpc.methods;

import java.util.List;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.NodeControl;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.api.WalletService;
import org.timecoin.rpc.server.RpcMethod;

/** Every method the node serves, {@code help} included. */
public final class RpcMethods {
  private RpcMethods() {}

  /** Every method, with a node that has no spending side: those methods answer "no wallet". */
  public static List<RpcMethod> all(
      ChainQueries chain, TransactionSubmitter submitter, NodeControl control, WalletKeys keys) {
    return all(chain, submitter, control, keys, WalletService.NONE);
  }

  public static List<RpcMethod> all(
      ChainQueries chain,
      TransactionSubmitter submitter,
      NodeControl control,
      WalletKeys keys,
      WalletService wallet) {
    return all(chain, submitter, control, keys, wallet, null);
  }

  /**
   * Every method; {@code masternodes} null leaves the masternode methods out (a node assembled
   * without a registry).
   */
  public static List<RpcMethod> all(
      ChainQueries chain,
      TransactionSubmitter submitter,
      NodeControl control,
      WalletKeys keys,
      WalletService wallet,
      MasternodeService masternodes) {
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
            new ListUnspent(chain, wallet),
            new GetBalance(chain, wallet),
            new MasternodeList(masternodes),
            new MasternodeStatus(masternodes),
            new RegisterMasternode(masternodes),
            new DeregisterMasternode(masternodes),
            new GetHeartbeatHistory(masternodes),
            new GetAttestationStats(masternodes),
            new GetNetworkInfo(chain),
            new GetChainSpec(chain),
            new Uptime(chain),
            new Stop(control),
            new GetNewAddress(keys),
            new ListAddresses(keys),
            new GetWalletInfo(keys),
            new EncryptWallet(keys),
            new WalletPassphrase(keys),
            new WalletLock(keys),
            new BackupWallet(keys),
            new ImportPrivKey(keys),
            new DumpPrivKey(keys),
            new CreateRawTransaction(wallet),
            new SignRawTransactionWithWallet(wallet),
            new DecodeRawTransaction(wallet),
            new SendToAddress(wallet),
            new MergeUtxos(wallet),
            new GetTransaction(wallet),
            new ListTransactions(wallet)));
  }

  /**
   * Every method, for its name and help text only (time-cli builds its commands from them): the
   * methods hold no node, and calling one fails.
   */
  public static List<RpcMethod> catalog() {
    return all(null, null, null, null, null, null);
  }
}
