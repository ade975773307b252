package org.timecoin.node.wallet;

/** The wallet is encrypted and locked: unlock it with walletpassphrase first. */
public final class WalletLockedException extends Exception {
  public WalletLockedException() {
    super("wallet is locked: unlock it with walletpassphrase first");
  }
}
