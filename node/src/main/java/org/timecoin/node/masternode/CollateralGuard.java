package org.timecoin.node.masternode;

import java.util.List;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.node.chain.BlockListener;
import org.timecoin.node.wallet.WalletCoins;
import org.timecoin.node.wallet.WalletMasternodeTx;

/**
 * Keeps the wallet's masternode collaterals out of its sends while they are locked: the chain
 * refuses to move a collateral whose masternode is in the current or next set, and spending a
 * pending one would cancel its registration. A collateral is released to sends once its masternode
 * left (deregistered or removed) and no current or next set holds it, or once its record is gone.
 * Runs on the chain writer after the wallet has taken in each block.
 */
public final class CollateralGuard implements BlockListener {
  private final MasternodeChain chain;
  private final WalletMasternodeTx wallet;
  private final Attendance attendance;

  public CollateralGuard(MasternodeChain chain, WalletMasternodeTx wallet) {
    this.chain = chain;
    this.wallet = wallet;
    this.attendance = new Attendance(chain);
  }

  /** Holds every locked collateral the wallet owns; once, at start. */
  public void load() {
    WalletCoins coins = wallet.coins();
    chain
        .registry()
        .forEachRecord(
            r -> {
              if (r.collateral() != null
                  && wallet.owns(r.owner())
                  && coins.coin(r.collateral()).isPresent()
                  && locked(r)) {
                coins.hold(r.collateral());
              }
            });
  }

  @Override
  public void onBlockStored(Block block, CommitCertificate certificate) {
    onTransactions(block.txs());
  }

  /** Holds the collaterals of the wallet's registrations among {@code txs}, re-judges the rest. */
  void onTransactions(List<Transaction> txs) {
    WalletCoins coins = wallet.coins();
    for (Transaction tx : txs) {
      if (tx.payload() instanceof MasternodeRegistration
          && wallet.owns(tx.outputs().get(0).address())) {
        coins.hold(tx.outPoint(0));
      }
    }
    for (OutPoint held : coins.held()) {
      var record = chain.registry().byCollateral(held);
      boolean release = record.isPresent() ? !locked(record.get()) : coins.coin(held).isPresent();
      if (release) {
        coins.unhold(held);
      }
    }
  }

  /** Whether sends must leave the collateral of {@code r} alone. */
  private boolean locked(MasternodeRecord r) {
    boolean left =
        r.status() == MasternodeRecord.Status.LEAVING
            || r.status() == MasternodeRecord.Status.REMOVED;
    if (!left) {
      return true;
    }
    long next = chain.height() + 1;
    return attendance.inSetAt(r, next)
        || attendance.inSetAt(r, chain.firstHeight(chain.epochOf(next) + 1));
  }
}
