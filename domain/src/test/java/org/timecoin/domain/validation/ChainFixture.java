package org.timecoin.domain.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/**
 * A small chain at its genesis: three validators (Free, Silver, Gold), users funded by genesis
 * allocations, and helpers that build valid signed transactions and valid block 1 around them.
 */
final class ChainFixture {
  static final long GENESIS_TIME = 1_700_000_000_000L;
  static final long ALLOCATION = Amounts.ofTime(10);

  /** A stand-in for storage's commitment: a hash of the delta, deterministic and order-aware. */
  static final StateRootCheck FAKE_STATE_ROOT =
      delta -> {
        ByteWriter w = new ByteWriter(256);
        w.u64(delta.height());
        w.list(delta.spent(), Utxo.CODEC::write);
        w.list(delta.created(), Utxo.CODEC::write);
        return Sha256.hash(w.toByteArray());
      };

  final List<KeyPair> validatorKeys = new ArrayList<>();
  final List<KeyPair> users = new ArrayList<>();
  final GenesisConfig genesis;
  final ValidatorSet validators;
  final Hash32 chainId;
  final BlockHeader parent;
  final List<Utxo> genesisUtxos;
  final ConsensusParams params;

  ChainFixture(int userCount) {
    Tier[] tiers = {Tier.FREE, Tier.SILVER, Tier.GOLD};
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < tiers.length; i++) {
      KeyPair k = key("validator-" + i);
      validatorKeys.add(k);
      vs.add(new Validator(k.publicKey(), 10, tiers[i], address(key("reward-" + i))));
    }
    List<TxOut> allocations = new ArrayList<>();
    for (int i = 0; i < userCount; i++) {
      KeyPair k = key("user-" + i);
      users.add(k);
      allocations.add(new TxOut(ALLOCATION, address(k)));
    }
    params = ConsensusParams.defaults();
    genesis =
        new GenesisConfig("fixture-chain", Network.TESTNET, GENESIS_TIME, vs, allocations, params);
    validators = genesis.validatorSet();
    chainId = genesis.chainId();
    genesisUtxos = genesis.genesisUtxos();
    parent = genesis.genesisBlock(Hash32.ZERO).header();
  }

  static KeyPair key(String name) {
    return KeyPair.fromSeed(Sha256.digest(name.getBytes()));
  }

  static Address address(KeyPair k) {
    return Address.fromPublicKey(k.publicKey());
  }

  PublicKey proposer() {
    return validatorKeys.get(0).publicKey();
  }

  BlockContext context() {
    return BlockContext.fixedSet(chainId, parent, validators, params, GENESIS_TIME + 60_000);
  }

  BlockContext context(ConsensusParams p) {
    return BlockContext.fixedSet(chainId, parent, validators, p, GENESIS_TIME + 60_000);
  }

  MapUtxoView view() {
    return MapUtxoView.of(genesisUtxos);
  }

  /** User i's genesis UTXO. */
  Utxo utxo(int user) {
    return genesisUtxos.get(user);
  }

  /** Spends {@code u} (owned by {@code owner}): pays {@code pay} to the next user, change back. */
  Transaction spend(Utxo u, KeyPair owner, long pay, long fee) {
    return new TxBuilder()
        .timestamp(GENESIS_TIME + 1)
        .input(u.outPoint(), owner)
        .output(pay, address(key("payee")))
        .output(u.amount() - pay - fee, address(owner))
        .sign(chainId);
  }

  /** A valid spend of user i's genesis UTXO with the minimum fee. */
  Transaction validSpend(int user) {
    Utxo u = utxo(user);
    long fee = params.requiredFee(u.amount() - 2_000);
    return spend(u, users.get(user), 1_000_000, Math.max(fee, 2_000));
  }

  /** Block 1 holding {@code txs} with the right coinbase, Merkle root and state root. */
  Block block(List<Transaction> txs) {
    return block(txs, proposer(), GENESIS_TIME + 1_000);
  }

  Block block(List<Transaction> txs, PublicKey proposer, long timestamp) {
    long fees = feesOf(txs);
    Transaction coinbase =
        CoinbaseRule.coinbase(
            1,
            params.issuancePerPeriod() + fees,
            validators,
            CoinbaseRule.allMembers(validators),
            proposer,
            timestamp);
    List<Transaction> all = new ArrayList<>();
    all.add(coinbase);
    all.addAll(txs);
    return withRoots(all, proposer, timestamp);
  }

  /** A block with exactly {@code all} as its transactions, roots filled in when computable. */
  Block withRoots(List<Transaction> all, PublicKey proposer, long timestamp) {
    Block draft =
        new Block(
            new BlockHeader(
                1,
                chainId,
                1,
                parent.hash(),
                Hash32.ZERO,
                Hash32.ZERO,
                timestamp,
                proposer,
                0,
                validators.hash(),
                LastCommit.empty().hash()),
            LastCommit.empty(),
            all);
    BlockHeader header = draft.header().withTxRoot(draft.computeTxRoot());
    Block rooted = new Block(header, LastCommit.empty(), all);
    BlockRules rules = new BlockRules(rooted, context());
    if (rules.checkStructure().isValid()) {
      Map<OutPoint, Utxo> found = new HashMap<>();
      for (Utxo u : genesisUtxos) {
        found.put(u.outPoint(), u);
      }
      ValidationResult r = rules.checkInputs(found, Set.of());
      if (r.isValid()) {
        header = header.withStateRoot(FAKE_STATE_ROOT.stateRootAfter(r.delta()));
      }
    }
    return new Block(header, LastCommit.empty(), all);
  }

  /** Sum of fees, resolving inputs against genesis and earlier txs of the list. */
  long feesOf(List<Transaction> txs) {
    Map<OutPoint, Long> amounts = new HashMap<>();
    for (Utxo u : genesisUtxos) {
      amounts.put(u.outPoint(), u.amount());
    }
    long fees = 0;
    for (Transaction tx : txs) {
      long in = 0;
      for (var input : tx.inputs()) {
        in += amounts.getOrDefault(input.prev(), 0L);
      }
      long out = 0;
      for (int i = 0; i < tx.outputs().size(); i++) {
        out += tx.outputs().get(i).amount();
        amounts.put(tx.outPoint(i), tx.outputs().get(i).amount());
      }
      fees += Math.max(0, in - out);
    }
    return fees;
  }
}
