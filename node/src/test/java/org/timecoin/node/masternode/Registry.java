package org.timecoin.node.masternode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.wallet.MemoryKeyRing;
import org.timecoin.node.wallet.WalletCoins;
import org.timecoin.node.wallet.WalletContext;
import org.timecoin.node.wallet.WalletHistory;
import org.timecoin.node.wallet.WalletMasternodeTx;
import org.timecoin.node.wallet.WalletSpender;

/**
 * A registry at tip 45 with epochs of 10 blocks and an inactivity window of 5: genesis validators G
 * (signing) and G2 (silent since 35); M, this node's masternode, in the sets of epochs 2..5 and
 * missing heights 30 and 31; L, deregistered at 25, in the sets of epochs 2 and 3 only; P, pending
 * since 42. ALICE's wallet owns the collaterals of M and L; BOB's that of P.
 */
final class Registry {
  static final Hash32 CHAIN = Sha256.hash(new byte[] {7});
  static final KeyPair G = key(1);
  static final KeyPair G2 = key(2);
  static final KeyPair M = key(3);
  static final KeyPair L = key(4);
  static final KeyPair P = key(5);
  static final KeyPair ALICE = key(10);
  static final KeyPair BOB = key(11);
  static final Address ALICE_ADDR = Address.fromPublicKey(ALICE.publicKey());
  static final Address BOB_ADDR = Address.fromPublicKey(BOB.publicKey());
  static final OutPoint M_COLLATERAL = new OutPoint(Sha256.hash(new byte[] {3}), 0);
  static final OutPoint L_COLLATERAL = new OutPoint(Sha256.hash(new byte[] {4}), 0);
  static final OutPoint P_COLLATERAL = new OutPoint(Sha256.hash(new byte[] {5}), 0);

  final FakeMasternodeChain chain = new FakeMasternodeChain(10, 5);
  final MemoryKeyRing keys = new MemoryKeyRing(ALICE);
  final WalletCoins coins = new WalletCoins();
  final List<Transaction> submitted = new ArrayList<>();
  final WalletSpender spender =
      new WalletSpender(
          keys,
          coins,
          new WalletHistory(100),
          new WalletContext(CHAIN, ConsensusParams.defaults(), Network.TESTNET, 1),
          new WalletSpender.WalletPorts(
              tx -> {
                submitted.add(tx);
                return CompletableFuture.completedFuture(new WalletSpender.Admission(true, null));
              },
              txid -> true,
              txid -> {},
              Runnable::run,
              () -> chain.height,
              Clock.SYSTEM));
  final WalletMasternodeTx walletTx = new WalletMasternodeTx(spender);

  Registry() {
    chain.height = 45;
    chain.registry.put(
        record(G, null, G.publicKey(), 0, 1, -1, MasternodeRecord.Status.ACTIVE_SET));
    chain.registry.put(
        record(G2, null, G2.publicKey(), 0, 1, -1, MasternodeRecord.Status.ACTIVE_SET));
    chain.registry.put(
        record(M, M_COLLATERAL, ALICE.publicKey(), 3, 21, -1, MasternodeRecord.Status.ACTIVE_SET));
    chain.registry.put(
        record(L, L_COLLATERAL, ALICE.publicKey(), 2, 21, 25, MasternodeRecord.Status.LEAVING));
    chain.registry.put(
        record(P, P_COLLATERAL, BOB.publicKey(), 42, -1, -1, MasternodeRecord.Status.PENDING));
    ValidatorSet genesis = set(G, G2);
    ValidatorSet joined = set(G, G2, M, L);
    ValidatorSet left = set(G, G2, M);
    chain.registry.putValidatorSet(0, genesis).putValidatorSet(1, genesis);
    chain.registry.putValidatorSet(2, joined).putValidatorSet(3, joined);
    chain.registry.putValidatorSet(4, left).putValidatorSet(5, left);
    chain.signed(G.publicKey(), 1, 9);
    chain.signed(G.publicKey(), 14, 44);
    chain.signed(G2.publicKey(), 1, 35);
    chain.signed(M.publicKey(), 21, 29);
    chain.signed(M.publicKey(), 32, 44);
    chain.signed(L.publicKey(), 21, 40);
    syncCounts();
  }

  /** Sets every record's last signed height and count from the signers. */
  void syncCounts() {
    List<MasternodeRecord> all = new ArrayList<>();
    chain.registry.forEachRecord(all::add);
    for (MasternodeRecord r : all) {
      long last = -1;
      long count = 0;
      for (long h = 1; h < chain.height; h++) {
        if (chain.signers.getOrDefault(h, java.util.Set.of()).contains(r.operatorKey())) {
          last = h;
          count++;
        }
      }
      chain.registry.put(
          new MasternodeRecord(
              r.operatorKey(),
              r.tier(),
              r.votingPower(),
              r.collateral(),
              r.owner(),
              r.rewardAddress(),
              r.networkAddress(),
              r.registeredHeight(),
              r.enteredHeight(),
              r.leavingHeight(),
              r.status(),
              last,
              count));
    }
  }

  /** Gives ALICE's wallet a coin of {@code amount} at {@code outPoint}. */
  void walletCoin(OutPoint outPoint, long amount) {
    coins.add(List.of(new Utxo(outPoint, new TxOut(amount, ALICE_ADDR), 1, false)));
  }

  static MasternodeRecord record(
      KeyPair k,
      OutPoint collateral,
      org.timecoin.domain.crypto.PublicKey owner,
      long registered,
      long entered,
      long leaving,
      MasternodeRecord.Status status) {
    return new MasternodeRecord(
        k.publicKey(),
        Tier.BRONZE,
        1,
        collateral,
        Address.fromPublicKey(owner),
        k == M ? BOB_ADDR : Address.fromPublicKey(k.publicKey()),
        collateral == null ? "" : "10.0.0." + k.publicKey().toHex().charAt(0) + ":24100",
        registered,
        entered,
        leaving,
        status,
        -1,
        0);
  }

  static ValidatorSet set(KeyPair... members) {
    List<Validator> vs = new ArrayList<>();
    for (KeyPair k : members) {
      vs.add(new Validator(k.publicKey(), 1, Tier.BRONZE, Address.fromPublicKey(k.publicKey())));
    }
    return new ValidatorSet(vs);
  }

  static KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[1] = 0x4d;
    return KeyPair.fromSeed(seed);
  }

  static String text(Address a) {
    return a.toText(Network.TESTNET);
  }
}
