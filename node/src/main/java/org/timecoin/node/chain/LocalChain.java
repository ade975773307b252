package org.timecoin.node.chain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.masternode.RegistryView;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.BlockContext;
import org.timecoin.domain.validation.BlockValidator;
import org.timecoin.domain.validation.MasternodeRules;
import org.timecoin.domain.validation.Rejection;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.domain.validation.TxRules;
import org.timecoin.domain.validation.UtxoView;
import org.timecoin.domain.validation.ValidationResult;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.ChainTip;
import org.timecoin.storage.RegistryStore;
import org.timecoin.storage.StateUpdate;

/**
 * The node's finalized chain: validates candidate blocks against the tip and stores finalized ones
 * on its single writer thread, in height order. Validation remembers the UTXO changes (with their
 * state root) of each valid block, so storing it does not compute them again.
 */
public final class LocalChain implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalChain.class);

  private final ChainStore store;
  private final GenesisConfig genesis;

  /** Computed once: hashing encodes the whole genesis, its allocations included. */
  private final Hash32 genesisHash;

  private final ChainValidators sets;
  private final BlockValidator validator;
  private final UtxoView utxoView;
  private final Clock clock;
  private final SignatureCache signatures;
  private final ExecutorService validationPool;
  private final Executor background;
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("chain-writer").daemon().factory());
  private final Map<Hash32, Prepared> prepared = new ConcurrentHashMap<>();
  private final List<BlockListener> listeners = new CopyOnWriteArrayList<>();
  private final LateCommits lateCommits = new LateCommits();
  private final List<java.util.function.Consumer<Block>> beforeApply = new CopyOnWriteArrayList<>();
  private final LongAdder appliedBlocks = new LongAdder();
  private final LongAdder applyNanos = new LongAdder();
  private final BlockWorkGate blockWork;
  private volatile BlockHeader tipHeader;

  /** Recent validation time per transaction of a block (moving average), 0 before the first. */
  private volatile double validationNanosPerTx;

  public LocalChain(
      ChainStore store,
      GenesisConfig genesis,
      SignatureCache signatures,
      ExecutorService validationPool,
      int validationThreads,
      Clock clock) {
    this(store, genesis, signatures, validationPool, validationThreads, clock, validationPool);
  }

  /**
   * @param background runs the signature checks of blocks received ahead of the tip, behind the
   *     validation of the blocks that are due (see {@link ValidationPool#background()})
   */
  public LocalChain(
      ChainStore store,
      GenesisConfig genesis,
      SignatureCache signatures,
      ExecutorService validationPool,
      int validationThreads,
      Clock clock,
      Executor background) {
    this.background = background;
    this.store = store;
    this.genesis = genesis;
    this.genesisHash = genesis.hash();
    this.sets = new ChainValidators(store.registry(), genesis);
    this.validator = new BlockValidator(validationPool, validationThreads, signatures);
    this.signatures = signatures;
    this.validationPool = validationPool;
    // Inputs not found are told apart (unknown or spent) by key reads only, never a block decode.
    this.utxoView = store.utxos();
    this.clock = clock;
    this.blockWork = new BlockWorkGate(BLOCK_WORK_MAX_HOLD_MS, clock);
  }

  /**
   * The longest that work held back by {@link #blockWork()} waits at a time: about one block's
   * validation under load.
   */
  static final long BLOCK_WORK_MAX_HOLD_MS = 500;

  /** Signatures and keys verified here lately. */
  public SignatureCache signatures() {
    return signatures;
  }

  /** Validation and storing of blocks in progress, for work that should make way for them. */
  public BlockWorkGate blockWork() {
    return blockWork;
  }

  /** Stores the genesis block when the store is empty; checks it otherwise. Call once at start. */
  public void initialize() {
    if (store.tip().isEmpty()) {
      List<Utxo> utxos = genesis.genesisUtxos();
      StateUpdate update = store.prepare(utxos, List.of(), sets.genesisChanges());
      Block block = genesis.genesisBlock(update.stateRoot());
      store.applyBlock(block, null, update, sets.genesisChanges());
      log.info("stored genesis block {} of chain {}", block.hash(), genesis.chainName());
    }
    long base = store.baseHeight();
    if (base > 0) {
      // Imported from a snapshot proven from this genesis: the store starts at its height, and
      // was opened for this chain id.
      log.info("the store starts at snapshot height {}", base);
    } else {
      checkGenesisBlock();
    }
    long height = store.tip().orElseThrow().height();
    tipHeader = store.blocks().blockAt(height).orElseThrow().header();
  }

  private void checkGenesisBlock() {
    Block first =
        store
            .blocks()
            .blockAt(0)
            .orElseThrow(() -> new IllegalStateException("store has a tip but no genesis block"));
    if (!first.header().prevHash().equals(genesisHash)) {
      throw new IllegalStateException(
          "the database at "
              + store.path()
              + " holds another genesis ("
              + first.header().prevHash()
              + ", expected "
              + genesisHash
              + ")");
    }
  }

  public void addListener(BlockListener l) {
    listeners.add(l);
  }

  /**
   * Called on the writer thread with each block just before its changes are applied: whoever reads
   * the UTXO set concurrently and must tell "spent by this block" from "spent long ago" (mempool
   * admission) learns of the spends before they are visible.
   */
  public void addBeforeApplyListener(java.util.function.Consumer<Block> l) {
    beforeApply.add(l);
  }

  public ChainStore store() {
    return store;
  }

  public GenesisConfig genesis() {
    return genesis;
  }

  public Hash32 genesisHash() {
    return genesisHash;
  }

  public Hash32 chainId() {
    return genesis.chainId();
  }

  /** The validator set of the next height (the one consensus decides). */
  public ValidatorSet validators() {
    return sets.at(height() + 1);
  }

  /**
   * The validator set that votes at {@code height}: {@code set(epochOf(height))}, from the sets
   * stored with the blocks; null when its epoch's set is not fixed yet here (it is for every height
   * up to a full epoch past the tip). Fast: recent sets are cached.
   */
  public ValidatorSet validatorsAt(long height) {
    return sets.at(height);
  }

  /** The masternode registry as of the stored tip. */
  public RegistryView registry() {
    return store.registry();
  }

  /** The finalized UTXO set, as validation and admission read it. */
  public UtxoView utxoView() {
    return utxoView;
  }

  public BlockHeader tipHeader() {
    return tipHeader;
  }

  public long height() {
    return tipHeader.height();
  }

  public Hash32 tipHash() {
    return tipHeader.hash();
  }

  /**
   * What the block after {@code parent} carrying {@code lastCommit} is checked against (and built
   * for): the validator set of its epoch, the members active at it, the hash of the next epoch's
   * set, the set that certified the parent, and this node's clock for the future-timestamp bound.
   */
  public BlockContext contextAfter(BlockHeader parent, LastCommit lastCommit) {
    return sets.contextAfter(chainId(), parent, lastCommit, clock.wallMillis());
  }

  /** The registry rules' context for the transactions of block {@code height}. */
  public MasternodeRules.Context rulesContext(long height) {
    return sets.rulesContext(chainId(), height);
  }

  /**
   * The lastCommit block {@code height} carries: empty for block 1, else the stored certificate of
   * block {@code height - 1}, which must be stored.
   */
  public LastCommit lastCommitFor(long height) {
    if (height <= 1) {
      return LastCommit.empty();
    }
    CommitCertificate parent =
        store
            .blocks()
            .certificateAt(height - 1)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no certificate stored for block " + (height - 1) + " to build on"));
    return lateCommits.extend(parent);
  }

  /** Precommits for the tip that came after its certificate; the next lastCommit carries them. */
  public LateCommits lateCommits() {
    return lateCommits;
  }

  /** Remembers the changes of a block built locally, so storing it reuses them. */
  public void rememberPrepared(Block block, StateUpdate update) {
    prepared.put(block.hash(), new Prepared(block.height(), update));
  }

  /** UTXO changes of a candidate block; dropped once its height is stored. */
  private record Prepared(long height, StateUpdate update) {}

  /**
   * Verifies the signatures of blocks received ahead of the tip (block sync) in the background, so
   * that validating each of them later finds its signatures cached: signatures do not depend on the
   * chain state, so they need not wait for the blocks before. That includes each block's
   * lastCommit, the certificate of its parent.
   */
  public void preverifySignatures(List<Block> blocks) {
    Hash32 id = chainId();
    try {
      for (Block b : blocks) {
        preverifyLastCommit(b, id);
        for (Transaction tx : b.txs()) {
          if (!tx.isCoinbase() && !signatures.isVerified(tx.txid())) {
            background.execute(
                () -> {
                  if (!signatures.isVerified(tx.txid())
                      && TxRules.checkSignatures(tx, id, signatures.keys()).isValid()) {
                    signatures.markVerified(tx.txid());
                  }
                });
          }
        }
      }
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  private void preverifyLastCommit(Block b, Hash32 id) {
    if (b.height() < 2 || b.lastCommit().signatures().isEmpty()) {
      return;
    }
    ValidatorSet certifiers = validatorsAt(b.height() - 1);
    if (certifiers == null) {
      return; // its epoch's set is not fixed here yet: checked in full when the block is due
    }
    CommitCertificate parent = b.lastCommit().toCertificate(b.height() - 1, b.header().prevHash());
    Hash32 key = SignatureCache.certificateKey(parent);
    if (signatures.isVerified(key)) {
      return;
    }
    background.execute(
        () -> {
          if (!signatures.isVerified(key) && parent.verify(certifiers, id).isValid()) {
            signatures.markVerified(key);
          }
        });
  }

  /** Full validation of a block meant to follow the current tip. */
  public CompletableFuture<ValidationResult> validate(Block block) {
    return blockWork.during(() -> validateNow(block));
  }

  private CompletableFuture<ValidationResult> validateNow(Block block) {
    BlockHeader parent = tipHeader;
    if (block.height() != parent.height() + 1) {
      return CompletableFuture.completedFuture(
          ValidationResult.reject(
              Rejection.BAD_HEIGHT,
              "block " + block.height() + " does not follow the tip " + parent.height()));
    }
    BlockContext ctx;
    try {
      ctx = contextAfter(parent, block.lastCommit());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }

    Hash32 hash = block.hash();
    long startNanos = clock.monoNanos();
    // The state root covers the registry, so the masternode rules run before it is computed (the
    // registry change of a block that breaks them is undefined); their rejection then wins over
    // the root mismatch reported for want of a root.
    AtomicReference<ValidationResult> registryRejection = new AtomicReference<>();
    return validator
        .validate(
            block,
            ctx,
            utxoView,
            delta -> {
              ValidationResult rules = registryRules(block);
              if (!rules.isValid()) {
                registryRejection.set(rules);
                return NO_ROOT;
              }
              RegistryStore.Changes changes;
              try {
                changes = sets.changesOf(block);
              } catch (IllegalStateException e) {
                // A lastCommit signer without a record: its certificate check rejects the block.
                registryRejection.set(
                    ValidationResult.reject(Rejection.BAD_LAST_COMMIT, e.getMessage()));
                return NO_ROOT;
              }
              StateUpdate u = store.prepare(delta.created(), delta.spent(), changes);
              prepared.put(hash, new Prepared(block.height(), u));
              return u.stateRoot();
            })
        .thenApply(r -> rootlessRejection(r, registryRejection.get()))
        .thenApply(r -> movedOn(block, parent, r))
        .whenComplete(
            (r, e) -> {
              if (e != null || !r.isValid()) {
                prepared.remove(hash);
              } else {
                recordValidationTime(clock.monoNanos() - startNanos, block.txs().size());
              }
            });
  }

  /** The registry's rejection in place of the root mismatch it caused; any other result as is. */
  private static ValidationResult rootlessRejection(
      ValidationResult r, ValidationResult registryRejection) {
    boolean causedByRegistry =
        registryRejection != null && !r.isValid() && r.rejection() == Rejection.BAD_STATE_ROOT;
    return causedByRegistry ? registryRejection : r;
  }

  /** Stands for the root of a block whose registry change is undefined; no header carries it. */
  private static final Hash32 NO_ROOT = Hash32.ZERO;

  /**
   * The masternode rules over the block's transactions in order, against the registry at the tip.
   */
  private ValidationResult registryRules(Block block) {
    return MasternodeRules.checkBlock(block.txs(), registry(), rulesContext(block.height()));
  }

  /**
   * The registry change of a block at {@code height} with these transactions (coinbase first) and
   * this lastCommit, on top of the stored tip; the transactions must pass the masternode rules.
   */
  public RegistryStore.Changes registryChangesOf(
      long height, List<Transaction> txs, LastCommit lastCommit) {
    return sets.changesOf(height, txs, lastCommit);
  }

  /**
   * Inputs and the state root are read from the store as the checks run. If a block was stored
   * meanwhile (consensus finalized this very block while its proposal was still being validated),
   * what they read is not the parent's state, and a rejection (a spent input, a root mismatch) says
   * nothing about the block: it is then valid if it is the block that was stored, else no longer a
   * candidate.
   */
  ValidationResult movedOn(Block block, BlockHeader parent, ValidationResult r) {
    if (r.isValid()) {
      return r;
    }
    ChainTip now = store.tip().orElse(null);
    if (now == null || now.height() == parent.height()) {
      return r;
    }
    boolean stored =
        store
            .blocks()
            .blockAt(block.height())
            .map(b -> b.hash().equals(block.hash()))
            .orElse(false);
    return stored
        ? ValidationResult.ok()
        : ValidationResult.reject(
            Rejection.BAD_HEIGHT,
            "block " + block.height() + " was overtaken: the chain moved to " + now.height());
  }

  /** Blocks with fewer transactions say more about fixed costs than about the cost per tx. */
  static final int MIN_TXS_TO_MEASURE = 100;

  private void recordValidationTime(long nanos, int txs) {
    if (txs < MIN_TXS_TO_MEASURE) {
      return;
    }
    double perTx = (double) nanos / Math.max(1, txs);
    double before = validationNanosPerTx;
    validationNanosPerTx = before == 0 ? perTx : 0.7 * before + 0.3 * perTx;
  }

  /**
   * How long validating a block took here lately, per transaction (signature checks, lookups and
   * state root, including waiting for the validation pool); 0 before the first block. Block
   * production uses it to keep blocks small enough to validate within the propose timeout.
   */
  public double validationNanosPerTx() {
    return validationNanosPerTx;
  }

  /**
   * Stores a finalized block on the writer thread; the block must have been validated (or built)
   * here, else it is validated first. Completes once durable and listeners were told.
   */
  public CompletableFuture<ChainTip> store(Block block, CommitCertificate certificate) {
    return blockWork.during(() -> storeNow(block, certificate));
  }

  private CompletableFuture<ChainTip> storeNow(Block block, CommitCertificate certificate) {
    if (block.height() <= tipHeader.height()) {
      // Block sync and consensus may both deliver a height: the second delivery is a no-op.
      return CompletableFuture.supplyAsync(() -> alreadyStored(block), writer);
    }
    Prepared p = prepared.get(block.hash());
    if (p == null) {
      return validateNow(block)
          .thenCompose(
              r -> {
                if (!r.isValid()) {
                  return CompletableFuture.failedFuture(
                      new IllegalStateException(
                          "finalized block " + block.height() + " is invalid here: " + r));
                }
                return storeNow(block, certificate);
              });
    }
    return CompletableFuture.supplyAsync(() -> write(block, certificate, p.update()), writer);
  }

  private ChainTip alreadyStored(Block block) {
    Hash32 stored = store.blocks().blockAt(block.height()).map(Block::hash).orElse(null);
    if (!block.hash().equals(stored)) {
      throw new IllegalStateException(
          "finalized block "
              + block.height()
              + " "
              + block.hash()
              + " differs from the stored one "
              + stored);
    }
    return store.tip().orElseThrow();
  }

  private ChainTip write(Block block, CommitCertificate certificate, StateUpdate update) {
    if (block.height() <= tipHeader.height()) {
      return alreadyStored(block);
    }
    long started = clock.monoNanos();
    RegistryStore.Changes registryChanges = sets.changesOf(block);
    for (var l : beforeApply) {
      l.accept(block);
    }
    ChainTip tip = store.applyBlock(block, certificate, update, registryChanges);
    applyNanos.add(clock.monoNanos() - started);
    appliedBlocks.increment();
    prepared.values().removeIf(p -> p.height() <= block.height());
    tipHeader = block.header();
    lateCommits.onBlockStored(block, certificate);
    for (BlockListener l : listeners) {
      try {
        l.onBlockStored(block, certificate);
      } catch (RuntimeException e) {
        log.error("block listener failed at height {}", block.height(), e);
      }
    }
    return tip;
  }

  /** Blocks written to the store since start, and the time their atomic writes took. */
  public ApplyStats applyStats() {
    return new ApplyStats(appliedBlocks.sum(), applyNanos.sum());
  }

  /** See {@link #applyStats()}. */
  public record ApplyStats(long blocks, long totalNanos) {}

  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
