package org.timecoin.node.wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.NetworkAddress;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService.SentTransaction;

/**
 * Builds, signs and submits the wallet's masternode transactions over {@link WalletSpender}'s coin
 * selection, reservations and history. A registration pays the tier's collateral as output 0 to the
 * address of input 0's key (so the collateral's owner signs it) and carries the operator's
 * signature; its collateral is then held out of every later send. A deregistration spends one coin
 * for its fee, change back, and carries the signature of the key the collateral pays.
 */
public final class WalletMasternodeTx {
  private final WalletSpender wallet;

  public WalletMasternodeTx(WalletSpender wallet) {
    this.wallet = wallet;
  }

  /**
   * Registers {@code operator} as a masternode of {@code tier}, rewards to {@code rewardAddress}
   * (empty: the collateral's address), reachable at {@code networkAddress} (host:port).
   */
  public CompletableFuture<SentTransaction> register(
      Tier tier, KeyPair operator, Optional<Address> rewardAddress, String networkAddress) {
    try {
      if (tier.collateral() == 0) {
        throw invalid(
            "tier "
                + tier
                + " locks no collateral and cannot be registered; a node without collateral runs"
                + " as a full node");
      }
      MasternodeRegistration probe =
          payload(
              tier,
              operator,
              rewardAddress.orElse(Address.ofPayload(new byte[20])),
              networkAddress);
      FeeSchedule fees = wallet.fees(Optional.empty()).withExtraBytes(probe.encodedSize());
      long collateral = tier.collateral();
      WalletCoins.Reserved r =
          wallet
              .coinIndex()
              .reserve(
                  (avail, total) -> {
                    try {
                      return CoinSelector.forPayment(avail, total, collateral, fees);
                    } catch (WalletException e) {
                      throw e.kind() == WalletException.Kind.INSUFFICIENT_FUNDS
                          ? new WalletException(
                              e.kind(),
                              "a "
                                  + tier
                                  + " masternode locks "
                                  + Amounts.toTimeString(collateral)
                                  + " TIME of collateral: "
                                  + e.getMessage())
                          : e;
                    }
                  });
      Address owner = r.selection().coins().get(0).address();
      MasternodeRegistration reg =
          payload(tier, operator, rewardAddress.orElse(owner), networkAddress);
      List<TxOut> outs = new ArrayList<>(2);
      outs.add(new TxOut(collateral, owner));
      WalletCoins coins = wallet.coinIndex();
      return wallet
          .signAndSubmit(r, outs, new WalletSpender.PayloadSigning(reg, operator))
          .thenApply(
              sent -> {
                coins.hold(new OutPoint(org.timecoin.common.Hash32.fromHex(sent.txid()), 0));
                return sent;
              });
    } catch (WalletException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Deregisters the masternode whose collateral is {@code collateral}, which pays {@code owner}: a
   * wallet address whose key signs the deregistration.
   */
  public CompletableFuture<SentTransaction> deregister(OutPoint collateral, Address owner) {
    try {
      String network = owner.toText(wallet.context().network());
      if (!wallet.owns(owner)) {
        throw new WalletException(
            WalletException.Kind.NOT_IN_WALLET,
            "collateral "
                + collateral.txid().toHex()
                + ":"
                + collateral.index()
                + " pays "
                + network
                + ", which is not an address of this wallet");
      }
      KeyPair ownerKey = wallet.walletKey(owner);
      MasternodeDeregistration dereg =
          MasternodeDeregistration.unsigned(collateral, ownerKey.publicKey());
      WalletCoins coins = wallet.coinIndex();
      coins.hold(collateral); // the fee must come from another coin
      FeeSchedule fees = wallet.fees(Optional.empty()).withExtraBytes(dereg.encodedSize());
      WalletCoins.Reserved r = coins.reserve((avail, total) -> CoinSelector.forFee(avail, fees));
      return wallet.signAndSubmit(
          r, new ArrayList<>(1), new WalletSpender.PayloadSigning(dereg, ownerKey));
    } catch (WalletException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The wallet's coins, where collaterals are held. */
  public WalletCoins coins() {
    return wallet.coinIndex();
  }

  /** Whether {@code address} is one of the wallet's. */
  public boolean owns(Address address) {
    return wallet.owns(address);
  }

  private static MasternodeRegistration payload(
      Tier tier, KeyPair operator, Address reward, String networkAddress) throws WalletException {
    String problem = NetworkAddress.problem(networkAddress);
    if (problem != null) {
      throw invalid(problem);
    }
    try {
      return MasternodeRegistration.unsigned(tier, operator.publicKey(), reward, networkAddress);
    } catch (IllegalArgumentException e) {
      throw invalid("network address: " + e.getMessage());
    }
  }

  private static WalletException invalid(String message) {
    return new WalletException(WalletException.Kind.INVALID_PARAMETER, message);
  }
}
