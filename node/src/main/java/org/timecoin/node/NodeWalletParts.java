package org.timecoin.node;

import java.net.InetSocketAddress;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.config.NodeConfig;
import org.timecoin.node.consensus.ExecutorScheduler;
import org.timecoin.node.masternode.CollateralGuard;
import org.timecoin.node.masternode.LocalMasternodeChain;
import org.timecoin.node.masternode.MasternodeChain;
import org.timecoin.node.masternode.NodeMasternodes;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.wallet.FileOps;
import org.timecoin.node.wallet.KeyRing;
import org.timecoin.node.wallet.NodeWallet;
import org.timecoin.node.wallet.PresentWalletOnly;
import org.timecoin.node.wallet.Wallet;
import org.timecoin.node.wallet.WalletKeysService;
import org.timecoin.node.wallet.WalletMasternodeTx;
import org.timecoin.node.wallet.WalletOpener;
import org.timecoin.node.wallet.WalletOptions;
import org.timecoin.node.wallet.WalletSpender;

/**
 * A node's wallet and what is built on it: the wallet file, spending through the mempool, the
 * masternode transactions, the guard that keeps locked collaterals out of sends, and what RPC sees
 * of them. Spends with the wallet file's keys unless a test or devnet gave the node other keys.
 */
final class NodeWalletParts {
  private final NodeContext node;
  private final Wallet wallet;
  private final KeyRing keyRing; // null: the wallet file's keys
  private WalletSpender spender;
  private WalletMasternodeTx masternodeTx;
  private MasternodeChain masternodeChain;

  private NodeWalletParts(NodeContext node, Wallet wallet, KeyRing keyRing) {
    this.node = node;
    this.wallet = wallet;
    this.keyRing = keyRing;
  }

  /** Opens the wallet file ([wallet]); {@code keyRing}, when not null, spends instead of it. */
  static NodeWalletParts open(NodeContext node, KeyRing keyRing) throws Exception {
    // The wallet's relock timer waits for the wallet's monitor: on its own thread, never a
    // consensus timer's.
    ExecutorScheduler walletTimer = new ExecutorScheduler("wallet-timer");
    node.started().accept(walletTimer);
    NodeConfig config = node.config();
    Wallet wallet =
        WalletOpener.open(
            config.walletFile(),
            config.wallet().encrypted(),
            node.genesis().network(),
            FileOps.REAL,
            WalletOptions.standard(node.clock(), walletTimer));
    node.started().accept(wallet);
    return new NodeWalletParts(node, wallet, keyRing);
  }

  /** Spending with the wallet over {@code chain} and {@code mempool}, and masternode txs on it. */
  void attach(LocalChain chain, Mempool mempool) throws Exception {
    NodeWallet nodeWallet =
        NodeWallet.attach(
            keyRing != null ? keyRing : wallet,
            chain,
            mempool,
            chain.signatures(),
            node.config().node().mempoolPolicy().minFeeRate(),
            node.config().dataDir(),
            node.clock());
    node.started().accept(nodeWallet);
    spender = nodeWallet.spender();
    // Keeps the wallet's locked collaterals out of its sends; listens after the wallet.
    masternodeChain = new LocalMasternodeChain(chain);
    masternodeTx = new WalletMasternodeTx(spender);
    CollateralGuard collaterals = new CollateralGuard(masternodeChain, masternodeTx);
    collaterals.load();
    chain.addListener(collaterals);
  }

  Wallet wallet() {
    return wallet;
  }

  WalletSpender spender() {
    return spender;
  }

  /** The wallet's keys as RPC sees them. */
  WalletKeys keys() {
    return new WalletKeysService(wallet, node.genesis().network());
  }

  /** Spending as RPC sees it: refused while there is no wallet to spend from. */
  WalletService spending() {
    return new PresentWalletOnly(this::present, spender);
  }

  /** What RPC sees of the registry, registering through the wallet with the operator key. */
  MasternodeService masternodes(KeyPair operator, boolean validator, InetSocketAddress listen) {
    return new NodeMasternodes(
        masternodeChain,
        node.genesis().network(),
        new NodeMasternodes.Identity(
            operator,
            validator,
            node.config().masternode().reward(),
            new HostPort(listen.getHostString(), listen.getPort()).toString()),
        this::present,
        masternodeTx);
  }

  private boolean present() {
    return keyRing != null || wallet.status().exists();
  }
}
