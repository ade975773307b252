package org.timecoin.domain.masternode;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;

/** Keys, transactions and a genesis registry for masternode tests. */
public final class MasternodeFixture {
  public static final Hash32 CHAIN = Sha256.hash("masternode-test-chain".getBytes());

  private MasternodeFixture() {}

  public static KeyPair key(String name) {
    return KeyPair.fromSeed(Sha256.digest(name.getBytes()));
  }

  public static Address address(KeyPair key) {
    return Address.fromPublicKey(key.publicKey());
  }

  /** An outpoint to fund a transaction with (the registry rules never look it up). */
  public static OutPoint funds(String name) {
    return new OutPoint(Sha256.hash(("funds-" + name).getBytes()), 0);
  }

  /** A genesis set of {@code n} validators of power 1, keys "genesis-i". */
  public static ValidatorSet genesisSet(int n) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      KeyPair k = key("genesis-" + i);
      vs.add(new Validator(k.publicKey(), 1, Tier.FREE, address(k)));
    }
    return new ValidatorSet(vs);
  }

  public static List<PublicKey> genesisKeys(int n) {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(key("genesis-" + i).publicKey());
    }
    return keys;
  }

  /** A signed registration of {@code operator}, collateral owned by {@code owner}. */
  public static Transaction registration(KeyPair owner, KeyPair operator, Tier tier) {
    return new TxBuilder()
        .input(funds(owner + "/" + operator + "/" + tier), owner)
        .output(tier.collateral(), address(owner))
        .output(5_000, address(owner))
        .registration(tier, operator, address(owner), "node.example.org:24100")
        .sign(CHAIN);
  }

  /** A signed deregistration of the masternode whose collateral is {@code collateral}. */
  public static Transaction deregistration(KeyPair owner, OutPoint collateral) {
    return new TxBuilder()
        .input(funds("dereg-" + owner + "/" + collateral), owner)
        .output(5_000, address(owner))
        .deregistration(collateral, owner)
        .sign(CHAIN);
  }

  /** A signed transfer spending {@code prev} (a collateral, say) back to its owner. */
  public static Transaction spend(KeyPair owner, OutPoint prev) {
    return new TxBuilder().input(prev, owner).output(10_000, address(owner)).sign(CHAIN);
  }
}
