package org.timecoin.node.production;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.runtime.BlockProducer;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.masternode.RegistryOverlay;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.BlockContext;
import org.timecoin.domain.validation.CoinbaseRule;
import org.timecoin.domain.validation.Issuance;
import org.timecoin.domain.validation.MasternodeRules;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.storage.StateUpdate;

/**
 * Builds this validator's proposal: the best waiting transactions by fee rate (whose inputs are
 * still unspent), preceded by the coinbase paying the issuance + fees split by tier weight among
 * the active members (DESIGN.md §3), after the parent's certificate (lastCommit), with the state
 * root the block leads to. Runs on {@code executor}, never on the consensus owner thread. When it
 * happens (as soon as transactions wait, at most every block_interval, else every
 * empty_block_interval) is the runtime's pacing.
 */
public final class MempoolBlockProducer implements BlockProducer {
  /**
   * Room kept for the header, the coinbase and list prefixes within max_block_bytes, besides what
   * the lastCommit and the coinbase's outputs take (they grow with the validator set).
   */
  static final int RESERVED_BYTES = 64 * 1024;

  private final LocalChain chain;
  private final Mempool mempool;
  private final PublicKey self;
  private final long maxBlockBytes;
  private final int maxBlockTxs;
  private final Clock clock;
  private final Executor executor;
  private final Duration validationBudget;
  private final Duration settle;

  /** The fewest transactions a block may be capped to by the validation budget. */
  static final int MIN_TXS = 200;

  public MempoolBlockProducer(
      LocalChain chain,
      Mempool mempool,
      PublicKey self,
      long maxBlockBytes,
      int maxBlockTxs,
      Clock clock,
      Executor executor) {
    this(chain, mempool, self, maxBlockBytes, maxBlockTxs, clock, executor, null, Duration.ZERO);
  }

  /**
   * @param validationBudget when not null, a block holds no more transactions than this node
   *     validated lately within that time (at least {@link #MIN_TXS}): a block that validators
   *     cannot check before timeout_propose costs a round instead of saving one
   * @param settle a transaction is proposed once it waited this long here, time for the other
   *     validators to receive and verify it too: a block of transactions they have not seen makes
   *     every one of them verify the signatures while the propose timeout runs
   */
  public MempoolBlockProducer(
      LocalChain chain,
      Mempool mempool,
      PublicKey self,
      long maxBlockBytes,
      int maxBlockTxs,
      Clock clock,
      Executor executor,
      Duration validationBudget,
      Duration settle) {
    this.validationBudget = validationBudget;
    this.settle = settle;
    this.chain = chain;
    this.mempool = mempool;
    this.self = self;
    this.maxBlockBytes = Math.min(maxBlockBytes, chain.genesis().params().maxBlockBytes());
    this.maxBlockTxs = maxBlockTxs;
    this.clock = clock;
    this.executor = executor;
  }

  @Override
  public boolean hasPendingTransactions() {
    return mempool.hasTransactionsOlderThan(settle);
  }

  @Override
  public CompletionStage<Block> produce(long height, int round) {
    // Block work: the validators wait for this proposal, admission can wait for it.
    return chain
        .blockWork()
        .during(() -> CompletableFuture.supplyAsync(() -> build(height, round), executor));
  }

  /** max_block_txs, lowered to what this node validated lately within the validation budget. */
  int txLimit() {
    double perTx = chain.validationNanosPerTx();
    if (validationBudget == null || perTx <= 0) {
      return maxBlockTxs;
    }
    long fits = (long) (validationBudget.toNanos() / perTx);
    return (int) Math.min(maxBlockTxs, Math.max(MIN_TXS, fits));
  }

  /** Transactions the next block may take besides its coinbase. */
  public int transactionCapacity() {
    return Math.max(0, txLimit() - 1);
  }

  Block build(long height, int round) {
    BlockHeader parent = chain.tipHeader();
    if (parent.height() != height - 1) {
      throw new IllegalStateException(
          "asked for block " + height + " but the tip is " + parent.height());
    }
    LastCommit lastCommit = chain.lastCommitFor(height);
    BlockContext ctx = chain.contextAfter(parent, lastCommit);
    // The certificate and the coinbase (an output per paid member) grow with the set.
    long setBytes =
        lastCommit.encodedSize() + (long) (ctx.validators().size() + 1) * TxOut.ENCODED_SIZE;
    List<Transaction> candidates =
        mempool.selectForBlock(
            Math.max(0, maxBlockBytes - RESERVED_BYTES - setBytes), transactionCapacity(), settle);
    List<OutPoint> inputs = new ArrayList<>();
    for (Transaction tx : candidates) {
      for (TxIn in : tx.inputs()) {
        inputs.add(in.prev());
      }
    }
    Map<OutPoint, Utxo> found = chain.store().utxos().getAll(inputs).join();
    List<Transaction> txs = new ArrayList<>();
    List<Utxo> removes = new ArrayList<>();
    long fees = 0;
    // The mempool checked its registry transactions in admission order; a block takes them by fee
    // rate, so they are checked again in block order (a deregistration after its registration).
    RegistryOverlay registry = new RegistryOverlay(chain.registry());
    MasternodeRules.Context rules = chain.rulesContext(height);
    for (Transaction tx : candidates) {
      long in = 0;
      List<Utxo> spent = new ArrayList<>();
      for (TxIn i : tx.inputs()) {
        Utxo u = found.get(i.prev());
        if (u == null) {
          spent = null; // spent by a block stored after the mempool admitted it
          break;
        }
        spent.add(u);
        in += u.amount();
      }
      if (spent != null && registryAllows(tx, registry, rules)) {
        txs.add(tx);
        removes.addAll(spent);
        fees += in - tx.totalOutput();
      }
    }
    long timestamp = Math.max(clock.wallMillis(), parent.timestamp() + 1);
    Transaction coinbase =
        CoinbaseRule.coinbase(
            height,
            Issuance.reward(ctx.params(), parent.timestamp(), timestamp) + fees,
            ctx.validators(),
            ctx.activeMembers(),
            self,
            timestamp);
    List<Transaction> all = new ArrayList<>(txs.size() + 1);
    all.add(coinbase);
    all.addAll(txs);
    List<Utxo> adds = new ArrayList<>();
    for (Transaction tx : all) {
      for (int i = 0; i < tx.outputs().size(); i++) {
        adds.add(new Utxo(tx.outPoint(i), tx.outputs().get(i), height, tx.isCoinbase()));
      }
    }
    StateUpdate update =
        chain.store().prepare(adds, removes, chain.registryChangesOf(height, all, lastCommit));
    List<Hash32> txids = new ArrayList<>(all.size());
    for (Transaction tx : all) {
      txids.add(tx.txid());
    }
    BlockHeader header =
        new BlockHeader(
            GenesisConfig.BLOCK_VERSION,
            chain.chainId(),
            height,
            parent.hash(),
            MerkleRoot.of(txids),
            update.stateRoot(),
            timestamp,
            self,
            round,
            ctx.nextValidatorsHash(),
            lastCommit.hash());
    Block block = new Block(header, lastCommit, all);
    chain.rememberPrepared(block, update);
    return block;
  }

  /** Whether {@code tx} passes the masternode rules after the block's earlier transactions. */
  private static boolean registryAllows(
      Transaction tx, RegistryOverlay registry, MasternodeRules.Context rules) {
    boolean touches = tx.payload() != null;
    for (int i = 0; !touches && i < tx.inputs().size(); i++) {
      touches = registry.byCollateral(tx.inputs().get(i).prev()).isPresent();
    }
    return !touches || MasternodeRules.checkAndApply(tx, registry, rules).isValid();
  }
}
