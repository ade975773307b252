package org.timecoin.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.masternode.RegistryTransition;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.CoinbaseRule;
import org.timecoin.domain.validation.Issuance;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.RegistryStore;
import org.timecoin.storage.StateUpdate;

/**
 * Writes a certified chain straight into a node's store, as consensus would have finalized it: each
 * block holds up to {@code txsPerBlock} transfers of the honest load ({@link LoadWallet}: 1–4
 * inputs, 1–3 outputs, between the load keys), each spending outputs of earlier blocks, so every
 * block depends on the ones before.
 */
final class SyncChainBuilder {
  /** What one payout carries: 1 TIME, enough for the load's transfers to split it a few times. */
  static final long PAYOUT = 100_000_000L;

  /** Blocks one treasury coin pays for. */
  static final long TREASURY_BLOCKS = 1_000;

  /**
   * A treasury coin in block payouts: 1,000 blocks of payouts, plus what their per-mille fees take
   * (the coin shrinks by 0.1% a block, about 63% over 1,000 blocks).
   */
  static final long TREASURY_COIN_BLOCKS_FACTOR = 3 * TREASURY_BLOCKS;

  private final int txsPerBlock;
  private final LoadKeys keys;
  private final long seed;
  private final int payoutsPerBlock;
  private final KeyPair treasury =
      KeyPair.fromSeed(
          org.timecoin.common.Sha256.digest(
              "bench-treasury".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
  private LongConsumer afterBlock = h -> {};
  private ChainStore store;

  SyncChainBuilder(int txsPerBlock, LoadKeys keys, long seed) {
    this(txsPerBlock, 0, keys, seed);
  }

  /**
   * As above, each block also carrying one payout transaction of {@code payoutsPerBlock} outputs to
   * the load keys (an exchange's or pool's batch payment), so the UTXO set grows by about that much
   * per block.
   */
  SyncChainBuilder(int txsPerBlock, int payoutsPerBlock, LoadKeys keys, long seed) {
    this.txsPerBlock = txsPerBlock;
    this.payoutsPerBlock = payoutsPerBlock;
    this.keys = keys;
    this.seed = seed;
  }

  /** Called with each height once its block is applied (on the building thread). */
  SyncChainBuilder afterBlock(LongConsumer hook) {
    this.afterBlock = hook;
    return this;
  }

  /**
   * The genesis coins of the load keys: one per key at least, 5 per transfer of a block; and the
   * payout treasury's, for {@code blocks} blocks.
   */
  List<TxOut> genesisAllocations(long blocks) {
    int coins = Math.max(keys.size(), 5 * txsPerBlock);
    List<TxOut> out = new ArrayList<>(keys.genesisAllocations(coins, LoadFunding.COIN));
    if (payoutsPerBlock > 0) {
      // The fee is a per-mille of what a transaction moves, change included: the treasury is cut
      // into coins that each last TREASURY_BLOCKS blocks, so its fees stay small.
      for (long i = 0; i <= blocks / TREASURY_BLOCKS; i++) {
        out.add(
            new TxOut(
                TREASURY_COIN_BLOCKS_FACTOR * payoutsPerBlock * PAYOUT,
                org.timecoin.domain.tx.Address.fromPublicKey(treasury.publicKey())));
      }
    }
    return out;
  }

  /** As {@link #genesisAllocations(long)} without payouts. */
  List<TxOut> genesisAllocations() {
    return genesisAllocations(0);
  }

  /**
   * Appends {@code blocks} blocks on top of genesis in {@code store}, certified by {@code
   * validatorKeys} (all of them precommit at round 0); returns the transfers written.
   */
  long build(
      ChainStore store,
      GenesisConfig genesis,
      List<KeyPair> validatorKeys,
      int blocks,
      Clock clock,
      Progress progress) {
    Hash32 chainId = genesis.chainId();
    ConsensusParams params = genesis.params();
    ValidatorSet validators = genesis.validatorSet();
    LoadWallet wallet =
        new LoadWallet(keys, chainId, params, MempoolPolicy.DEFAULT_MIN_FEE_RATE, new Random(seed));
    wallet.credit(genesis.genesisTransaction());
    Map<OutPoint, Utxo> unspent = new HashMap<>();
    org.timecoin.domain.tx.Address treasuryAddress =
        org.timecoin.domain.tx.Address.fromPublicKey(treasury.publicKey());
    java.util.ArrayDeque<Utxo> treasuryCoins = new java.util.ArrayDeque<>();
    for (Utxo u : genesis.genesisUtxos()) {
      if (keys.indexOf(u.address()) >= 0) {
        unspent.put(u.outPoint(), u);
      } else if (u.address().equals(treasuryAddress)) {
        unspent.put(u.outPoint(), u);
        treasuryCoins.add(u);
      }
    }
    Utxo treasuryCoin = treasuryCoins.poll();
    Random payoutTo = new Random(seed ^ 0x7A7A);
    Block parent = store.blocks().blockAt(store.tip().orElseThrow().height()).orElseThrow();
    long written = 0;
    LastCommit lastCommit =
        parent.height() == 0
            ? LastCommit.empty()
            : LastCommit.of(store.blocks().certificateAt(parent.height()).orElseThrow());
    for (int b = 0; b < blocks; b++) {
      long height = parent.height() + 1;
      List<LoadWallet.Draft> drafts = new ArrayList<>(txsPerBlock);
      for (int i = 0; i < txsPerBlock; i++) {
        LoadWallet.Draft d = wallet.draft();
        if (d == null) {
          break;
        }
        drafts.add(d);
      }
      List<Transaction> transfers =
          new ArrayList<>(drafts.parallelStream().map(d -> wallet.sign(d).tx()).toList());
      if (treasuryCoin != null && treasuryCoin.amount() < payoutCost(params, treasuryCoin)) {
        treasuryCoin = treasuryCoins.poll(); // this one is spent down: the next lasts as long
      }
      if (payoutsPerBlock > 0 && treasuryCoin != null) {
        Transaction payout =
            payout(treasuryCoin, treasuryAddress, payoutTo, chainId, params, height);
        transfers.add(payout);
        int change = payout.outputs().size() - 1;
        treasuryCoin =
            new Utxo(payout.outPoint(change), payout.outputs().get(change), height, false);
      }
      List<Utxo> spent = new ArrayList<>();
      long fees = 0;
      for (Transaction tx : transfers) {
        for (var in : tx.inputs()) {
          Utxo u = unspent.remove(in.prev());
          spent.add(u);
          fees += u.amount();
        }
        fees -= tx.totalOutput();
      }
      PublicKey proposer = validatorKeys.get((int) (height % validatorKeys.size())).publicKey();
      long timestamp = Math.max(clock.wallMillis(), parent.header().timestamp() + 1);
      Transaction coinbase =
          CoinbaseRule.coinbase(
              height,
              Issuance.reward(params, parent.header().timestamp(), timestamp) + fees,
              validators,
              CoinbaseRule.allMembers(validators),
              proposer,
              timestamp);
      List<Transaction> all = new ArrayList<>(transfers.size() + 1);
      all.add(coinbase);
      all.addAll(transfers);
      List<Utxo> adds = new ArrayList<>();
      for (Transaction tx : all) {
        for (int i = 0; i < tx.outputs().size(); i++) {
          adds.add(new Utxo(tx.outPoint(i), tx.outputs().get(i), height, tx.isCoinbase()));
        }
      }
      // The registry records liveness and fixes each epoch's set, as a validator's chain would:
      // without it a node started on this store knows no set beyond the genesis epochs. The state
      // root commits to it.
      RegistryStore.Changes registry =
          RegistryStore.Changes.of(
              RegistryTransition.apply(
                  store.registry(),
                  height,
                  all,
                  RegistryTransition.signers(lastCommit),
                  params.epochBlocks(),
                  params.removalBlocks()));
      StateUpdate update = store.prepare(adds, spent, registry);
      BlockHeader header =
          new BlockHeader(
              GenesisConfig.BLOCK_VERSION,
              chainId,
              height,
              parent.hash(),
              MerkleRoot.of(all.stream().map(Transaction::txid).toList()),
              update.stateRoot(),
              timestamp,
              proposer,
              0,
              validators.hash(),
              lastCommit.hash());
      Block block = new Block(header, lastCommit, all);
      CommitCertificate certificate = certify(block, chainId, validatorKeys);
      store.applyBlock(block, certificate, update, registry);
      lastCommit = LastCommit.of(certificate);
      for (Transaction tx : transfers) {
        wallet.credit(tx);
        for (int i = 0; i < tx.outputs().size(); i++) {
          unspent.put(tx.outPoint(i), new Utxo(tx.outPoint(i), tx.outputs().get(i), height, false));
        }
      }
      written += transfers.size();
      parent = block;
      afterBlock.accept(height);
      if (height % 1_000 == 0) {
        progress.log("built block %d", height);
      }
    }
    return written;
  }

  /**
   * Opens the store as the node of {@code config} opens it (same directory and cache), stores the
   * genesis and appends {@code blocks} blocks ({@link #build}); returns the transfers written.
   */
  long writeInto(
      org.timecoin.node.config.NodeConfig config,
      GenesisConfig genesis,
      List<KeyPair> validatorKeys,
      int blocks,
      Clock clock,
      Progress progress) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try (ChainStore store =
        ChainStore.open(
            org.timecoin.storage.StorageConfig.defaults(config.dataDir().resolve("chain"))
                .withUtxoCacheBytes(config.storage().cacheBytes()),
            genesis.chainId())) {
      org.timecoin.node.chain.LocalChain chain =
          new org.timecoin.node.chain.LocalChain(
              store,
              genesis,
              new org.timecoin.domain.validation.SignatureCache(1_000),
              pool,
              2,
              clock);
      chain.initialize();
      this.store = store;
      long transfers = build(store, genesis, validatorKeys, blocks, clock, progress);
      chain.close();
      return transfers;
    } finally {
      this.store = null;
      pool.shutdownNow();
    }
  }

  /** The store being written by {@link #writeInto}, for an {@link #afterBlock} hook. */
  ChainStore store() {
    return store;
  }

  /** One input of the treasury, a payout to random load keys per output, and the change. */
  private Transaction payout(
      Utxo coin,
      org.timecoin.domain.tx.Address treasuryAddress,
      Random to,
      Hash32 chainId,
      ConsensusParams params,
      long height) {
    org.timecoin.domain.tx.TxBuilder b =
        new org.timecoin.domain.tx.TxBuilder().timestamp(height).input(coin.outPoint(), treasury);
    for (int i = 0; i < payoutsPerBlock; i++) {
      b.output(PAYOUT, keys.address(to.nextInt(keys.size())));
    }
    b.output(coin.amount() - payoutCost(params, coin), treasuryAddress);
    return b.sign(chainId);
  }

  /** The payouts and the fee on all the coin moves (outputs plus change are at most the coin). */
  private long payoutCost(ConsensusParams params, Utxo coin) {
    return (long) payoutsPerBlock * PAYOUT + params.requiredFee(coin.amount());
  }

  private static CommitCertificate certify(Block block, Hash32 chainId, List<KeyPair> keys) {
    byte[] msg = VoteSignBytes.of(chainId, VoteType.PRECOMMIT, block.height(), 0, block.hash());
    List<CommitSignature> sigs = new ArrayList<>();
    for (KeyPair k : keys) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(msg)));
    }
    return new CommitCertificate(block.height(), 0, block.hash(), sigs);
  }
}
