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
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
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
    return blockOn(parent, LastCommit.empty(), txs, proposer, timestamp);
  }

  /**
   * The block after {@code parentHeader} carrying {@code lastCommit} and {@code txs} after a
   * coinbase paying the issuance since the parent plus fees to every validator by weight.
   */
  Block blockOn(
      BlockHeader parentHeader,
      LastCommit lastCommit,
      List<Transaction> txs,
      PublicKey proposer,
      long timestamp) {
    long reward = Issuance.reward(params, parentHeader.timestamp(), timestamp);
    Transaction coinbase =
        CoinbaseRule.coinbase(
            parentHeader.height() + 1,
            reward + feesOf(txs),
            validators,
            CoinbaseRule.allMembers(validators),
            proposer,
            timestamp);
    List<Transaction> all = new ArrayList<>();
    all.add(coinbase);
    all.addAll(txs);
    return withRootsOn(parentHeader, lastCommit, all, proposer, timestamp);
  }

  /** A block 1 with exactly {@code all} as its transactions, roots filled in when computable. */
  Block withRoots(List<Transaction> all, PublicKey proposer, long timestamp) {
    return withRootsOn(parent, LastCommit.empty(), all, proposer, timestamp);
  }

  /** A block after {@code parentHeader} with exactly {@code all}, roots filled in if computable. */
  Block withRootsOn(
      BlockHeader parentHeader,
      LastCommit lastCommit,
      List<Transaction> all,
      PublicKey proposer,
      long timestamp) {
    return withRootsIn(contextOn(parentHeader), lastCommit, all, proposer, timestamp);
  }

  /**
   * A block valid in {@code ctx} but for what {@code all} gets wrong, roots filled in if it can.
   */
  Block withRootsIn(
      BlockContext ctx,
      LastCommit lastCommit,
      List<Transaction> all,
      PublicKey proposer,
      long timestamp) {
    BlockHeader parentHeader = ctx.parent();
    BlockHeader draft =
        new BlockHeader(
            1,
            chainId,
            parentHeader.height() + 1,
            parentHeader.hash(),
            MerkleRoot.of(all.stream().map(Transaction::txid).toList()),
            Hash32.ZERO,
            timestamp,
            proposer,
            0,
            ctx.nextValidatorsHash(),
            lastCommit.hash());
    Block rooted = new Block(draft, lastCommit, all);
    BlockRules rules = new BlockRules(rooted, ctx);
    if (!rules.checkStructure().isValid()) {
      return rooted;
    }
    Map<OutPoint, Utxo> found = new HashMap<>();
    for (Utxo u : genesisUtxos) {
      found.put(u.outPoint(), u);
    }
    ValidationResult r = rules.checkInputs(found, Set.of());
    if (!r.isValid()) {
      return rooted;
    }
    BlockHeader header = draft.withStateRoot(FAKE_STATE_ROOT.stateRootAfter(r.delta()));
    return new Block(header, lastCommit, all);
  }

  /** What the block after {@code parentHeader} is checked against: the fixed genesis set. */
  BlockContext contextOn(BlockHeader parentHeader) {
    return BlockContext.fixedSet(chainId, parentHeader, validators, params, GENESIS_TIME + 60_000);
  }

  /** PRECOMMIT signatures of {@code signers} for {@code header} at {@code round}. */
  CommitCertificate certify(BlockHeader header, int round, List<KeyPair> signers) {
    byte[] signed =
        VoteSignBytes.of(chainId, VoteType.PRECOMMIT, header.height(), round, header.hash());
    List<CommitSignature> sigs = new ArrayList<>();
    for (KeyPair k : signers) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(signed)));
    }
    return new CommitCertificate(header.height(), round, header.hash(), sigs);
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
