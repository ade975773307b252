package org.timecoin.node.mempool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.timecoin.common.Hash32;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.domain.validation.UtxoView;

/**
 * Transactions waiting for a block. Only transactions valid against the finalized UTXO set enter
 * (inputs of unconfirmed transactions are not spendable here); two waiting transactions never spend
 * the same output. Bounded by count and bytes: when full, a transaction with a better fee rate
 * evicts the worst ones. Blocks take the best fee rates first; a committed block evicts its
 * transactions and every waiting transaction that conflicts with it. Masternode transactions and
 * spends of registered collaterals also pass the registry's rules ({@link RegistryRules}).
 *
 * <p>Thread-safe: state changes under this object's lock; UTXO reads and signature checks run
 * outside it (signatures on the validation pool, recorded in the {@link SignatureCache} that block
 * validation shares).
 */
public final class Mempool {
  private static final int MAX_RETRIES = 3;

  private final MempoolPolicy policy;
  private final AdmissionChecks checks;
  private final CongestionFloor congestion;
  private final RegistryRules registryRules;

  /** Waiting transactions that touch the masternode registry, in admission order. */
  private final java.util.LinkedHashSet<Hash32> touchingRegistry = new java.util.LinkedHashSet<>();

  /** A transaction of {@link #touchingRegistry} left: the registry overlay must be rebuilt. */
  private boolean registryDirty;

  private final Consumer<Transaction> onAdmitted;
  private final Clock clock;

  /**
   * Transactions lately stored in blocks: a copy relayed by a slower peer is then known at once,
   * instead of taking the costly path of a transaction whose inputs are gone.
   */
  private final RecentMap<Hash32, Boolean> recentlyCommitted = new RecentMap<>(RECENTLY_COMMITTED);

  static final int RECENTLY_COMMITTED = 200_000;

  private final Map<Hash32, MempoolEntry> byTxid = new LinkedHashMap<>();
  private final Map<OutPoint, Hash32> spentBy = new HashMap<>();
  private final TreeSet<MempoolEntry> byFeeRate = new TreeSet<>();
  private long bytes;
  private long seq;

  /**
   * Bumped on every committed block; an admission that saw an older value checks its inputs again.
   */
  private long epoch;

  private final AtomicLong admittedCount = new AtomicLong();
  private final AtomicLong rejectedCount = new AtomicLong();
  private final AdmissionOutcomes outcomes = new AdmissionOutcomes();

  /**
   * @param policy the bounds and the fee rate a transaction must pay
   * @param onAdmitted told of each admitted transaction (to gossip it); runs outside the lock
   * @param clock stamps each admission, so block production can prefer transactions that had time
   *     to reach the other validators
   */
  public Mempool(
      Hash32 chainId,
      ConsensusParams params,
      UtxoView utxos,
      SignatureCache signatures,
      Executor validationPool,
      MempoolPolicy policy,
      Consumer<Transaction> onAdmitted,
      Clock clock) {
    this(
        chainId,
        params,
        utxos,
        RegistryRules.NONE,
        signatures,
        validationPool,
        policy,
        onAdmitted,
        clock);
  }

  /**
   * @param registryRules the masternode rules, over the registry at the finalized tip
   */
  public Mempool(
      Hash32 chainId,
      ConsensusParams params,
      UtxoView utxos,
      RegistryRules registryRules,
      SignatureCache signatures,
      Executor validationPool,
      MempoolPolicy policy,
      Consumer<Transaction> onAdmitted,
      Clock clock) {
    this.policy = policy;
    this.registryRules = registryRules;
    this.congestion = new CongestionFloor(policy.targetWait());
    this.checks =
        new AdmissionChecks(
            chainId, params, policy, utxos, signatures, validationPool, congestion::refusal);
    this.onAdmitted = onAdmitted;
    this.clock = clock;
  }

  /**
   * Admissions under way at once, at most: each holds a lookup or a signature check in a queue, so
   * beyond this a transaction is refused as busy rather than queued without bound.
   */
  static final int MAX_IN_FLIGHT = 16_384;

  private final AtomicInteger inFlight = new AtomicInteger();
  private int maxInFlight = MAX_IN_FLIGHT;

  /** Lowers {@link #MAX_IN_FLIGHT}, for tests. */
  Mempool limitInFlight(int max) {
    this.maxInFlight = max;
    return this;
  }

  /**
   * Validates and admits {@code tx}, submitted here (RPC, wallet): the congestion floor applies;
   * completes with the outcome (never exceptionally).
   */
  public CompletableFuture<AdmitResult> submit(Transaction tx) {
    return admit(tx, () -> true, true);
  }

  /**
   * As {@link #submit(Transaction)} for a transaction a peer relayed: {@code wanted} is asked
   * before each costly step, so the rest of a batch from a sender found relaying invalid
   * transactions is dropped unverified. The congestion floor does not apply: a peer admitted it
   * under its own, and mempools that hold the same transactions let any proposer include them.
   */
  public CompletableFuture<AdmitResult> submit(Transaction tx, BooleanSupplier wanted) {
    return admit(tx, wanted, false);
  }

  private CompletableFuture<AdmitResult> admit(
      Transaction tx, BooleanSupplier wanted, boolean local) {
    int limit = local ? congestion.admissionLimit(maxInFlight) : maxInFlight;
    if (inFlight.incrementAndGet() > limit) {
      inFlight.decrementAndGet();
      rejectedCount.incrementAndGet();
      outcomes.rejected(AdmitResult.BUSY);
      return done(
          AdmitResult.rejected(
              tx.txid(),
              AdmitResult.BUSY,
              limit + " transactions are being admitted; resubmit later"));
    }
    CompletableFuture<AdmitResult> attempt;
    try {
      AdmitResult malformed = checks.checkStructure(tx);
      attempt = malformed != null ? done(malformed) : attempt(tx, wanted, local, 0);
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    return attempt
        .whenComplete((r, e) -> inFlight.decrementAndGet())
        .exceptionally(e -> AdmitResult.rejected(tx.txid(), "internal-error", String.valueOf(e)))
        .thenApply(
            r -> {
              (r.admitted() ? admittedCount : rejectedCount).incrementAndGet();
              outcomes.record(r);
              if (r.admitted()) {
                onAdmitted.accept(tx);
              }
              return r;
            });
  }

  /** Checks against the mempool, then the UTXO set and signatures, then inserts. */
  private CompletableFuture<AdmitResult> attempt(
      Transaction tx, BooleanSupplier wanted, boolean local, int retry) {
    long seenEpoch;
    synchronized (this) {
      AdmitResult pre = precheck(tx);
      if (pre != null) {
        return done(pre);
      }
      seenEpoch = epoch;
    }
    return checks
        .checkAgainstState(tx, wanted, local)
        .thenCompose(
            o ->
                o.passed()
                    ? insertOrRetry(tx, wanted, local, o.fee(), seenEpoch, retry)
                    : done(o.rejection()));
  }

  private CompletableFuture<AdmitResult> insertOrRetry(
      Transaction tx, BooleanSupplier wanted, boolean local, long fee, long seenEpoch, int retry) {
    synchronized (this) {
      if (epoch == seenEpoch) {
        return done(insert(tx, fee));
      }
    }
    if (retry >= MAX_RETRIES) {
      return done(
          AdmitResult.rejected(
              tx.txid(), AdmitResult.STALE, "blocks kept arriving during validation; resubmit"));
    }
    return attempt(tx, wanted, local, retry + 1);
  }

  /** Duplicate and conflict checks that need only the mempool; null when they pass. */
  private AdmitResult precheck(Transaction tx) {
    if (byTxid.containsKey(tx.txid())) {
      return AdmitResult.rejected(
          tx.txid(), AdmitResult.ALREADY_KNOWN, "already waiting in the mempool");
    }
    if (recentlyCommitted.containsKey(tx.txid())) {
      return AdmitResult.rejected(tx.txid(), AdmitResult.ALREADY_KNOWN, "already in a block");
    }
    for (TxIn in : tx.inputs()) {
      Hash32 other = spentBy.get(in.prev());
      if (other != null) {
        return AdmitResult.rejected(
            tx.txid(),
            AdmitResult.CONFLICT,
            "output " + in.prev() + " is already spent by waiting transaction " + other);
      }
    }
    return null;
  }

  private AdmitResult insert(Transaction tx, long fee) {
    AdmitResult pre = precheck(tx);
    if (pre != null) {
      return pre;
    }
    MempoolEntry entry = new MempoolEntry(tx, fee, tx.encodedSize(), seq++, clock.monoNanos());
    if (entry.size() > policy.maxBytes()) {
      return AdmitResult.rejected(
          tx.txid(), AdmitResult.FULL, "transaction larger than the whole mempool");
    }
    List<MempoolEntry> evict = new ArrayList<>();
    long freedBytes = 0;
    int freedCount = 0;
    var worstFirst = byFeeRate.descendingIterator();
    while (byTxid.size() - freedCount + 1 > policy.maxTxs()
        || bytes - freedBytes + entry.size() > policy.maxBytes()) {
      MempoolEntry worst = worstFirst.hasNext() ? worstFirst.next() : null;
      if (worst == null || worst.compareTo(entry) < 0) {
        return AdmitResult.rejected(
            tx.txid(),
            AdmitResult.FULL,
            "mempool full and the fee rate is not above the lowest waiting one");
      }
      evict.add(worst);
      freedBytes += worst.size();
      freedCount++;
    }
    boolean touches = registryRules.concerns(tx);
    if (touches) {
      AdmitResult refused = registryRules.admit(tx);
      if (refused != null) {
        return refused;
      }
    }
    evict.forEach(this::remove);
    byTxid.put(tx.txid(), entry);
    byFeeRate.add(entry);
    for (TxIn in : tx.inputs()) {
      spentBy.put(in.prev(), tx.txid());
    }
    bytes += entry.size();
    congestion.inserted(byFeeRate);
    if (touches) {
      touchingRegistry.add(tx.txid());
    }
    rebuildRegistryIfDirty();
    return AdmitResult.admitted(tx.txid());
  }

  /**
   * Applies the waiting registry transactions again over the registry at the tip, in admission
   * order, and drops those that no longer pass (one pass suffices: each depends only on those
   * before it).
   */
  private void rebuildRegistryIfDirty() {
    if (!registryDirty) {
      return;
    }
    registryDirty = false;
    List<Transaction> waiting = new ArrayList<>(touchingRegistry.size());
    for (Hash32 txid : touchingRegistry) {
      waiting.add(byTxid.get(txid).tx());
    }
    for (Transaction invalid : registryRules.rebuild(waiting)) {
      remove(byTxid.get(invalid.txid()));
    }
    registryDirty = false; // what was just dropped is already out of the rebuilt overlay
  }

  private void remove(MempoolEntry e) {
    if (touchingRegistry.remove(e.tx().txid())) {
      registryDirty = true;
    }
    byTxid.remove(e.tx().txid());
    byFeeRate.remove(e);
    for (TxIn in : e.tx().inputs()) {
      spentBy.remove(in.prev(), e.tx().txid());
    }
    bytes -= e.size();
  }

  /**
   * The transactions that waited longer than the policy's target wait, oldest first, then the best
   * by fee rate among those admitted at least {@code minAge} ago, as fit in {@code maxBytes} and
   * {@code maxTxs}. Waiting transactions never conflict, so any selection is a valid set.
   */
  public synchronized List<Transaction> selectForBlock(long maxBytes, int maxTxs, Duration minAge) {
    List<Transaction> out = new ArrayList<>();
    long now = clock.monoNanos();
    long admittedBy = now - minAge.toNanos();
    long[] used = {0};
    Set<Hash32> taken = new HashSet<>();
    // Those that waited longer than the target wait come first, oldest first (byTxid keeps
    // admission order): higher fee rates admitted later must not starve them.
    long target = policy.targetWait().toNanos();
    if (target > 0) {
      long agedBy = now - target;
      for (MempoolEntry e : byTxid.values()) {
        if (e.admittedNanos() > agedBy || out.size() >= maxTxs) {
          break;
        }
        if (take(e, out, used, maxBytes)) {
          taken.add(e.tx().txid());
        }
      }
    }
    for (MempoolEntry e : byFeeRate) {
      if (out.size() >= maxTxs) {
        break;
      }
      if (e.admittedNanos() > admittedBy || taken.contains(e.tx().txid())) {
        continue;
      }
      take(e, out, used, maxBytes);
    }
    return out;
  }

  private static boolean take(MempoolEntry e, List<Transaction> out, long[] used, long maxBytes) {
    if (used[0] + e.size() > maxBytes) {
      return false;
    }
    out.add(e.tx());
    used[0] += e.size();
    return true;
  }

  /**
   * Records the block's transactions and the outputs they spend before the store applies it, so an
   * admission that finds one of those outputs gone already knows a block took it (and does not
   * blame the relayer of a copy that crossed the block); needs no mempool lock.
   */
  public void beforeBlockApplied(Block block) {
    for (Transaction tx : block.txs()) {
      recentlyCommitted.put(tx.txid(), Boolean.TRUE);
      checks.spentByBlock(tx);
    }
  }

  /** Drops the block's transactions and every waiting one that spends an output the block spent. */
  public synchronized void onBlockCommitted(Block block) {
    epoch++;
    long now = block.txs().isEmpty() ? 0 : clock.monoNanos();
    for (Transaction tx : block.txs()) {
      recentlyCommitted.put(tx.txid(), Boolean.TRUE);
      checks.spentByBlock(tx);
      MempoolEntry same = byTxid.get(tx.txid());
      if (same != null) {
        remove(same);
        outcomes.finalized(now - same.admittedNanos());
      }
      for (TxIn in : tx.inputs()) {
        Hash32 other = spentBy.get(in.prev());
        if (other != null) {
          remove(byTxid.get(other));
        }
      }
    }
    congestion.blockCommitted(block.txs().size(), clock.monoNanos(), byFeeRate);
    // The block changed the registry (and perhaps the epoch, which decides collateral locks).
    registryDirty |= !touchingRegistry.isEmpty();
    rebuildRegistryIfDirty();
  }

  public synchronized java.util.Optional<Transaction> get(Hash32 txid) {
    MempoolEntry e = byTxid.get(txid);
    return e == null ? java.util.Optional.empty() : java.util.Optional.of(e.tx());
  }

  /** Whether a transaction admitted at least {@code minAge} ago waits here. */
  public synchronized boolean hasTransactionsOlderThan(Duration minAge) {
    // byTxid keeps admission order: its first entry is the oldest
    var oldest = byTxid.values().iterator();
    return oldest.hasNext()
        && oldest.next().admittedNanos() <= clock.monoNanos() - minAge.toNanos();
  }

  /** Waiting here, or stored in a block lately. */
  public synchronized boolean knows(Hash32 txid) {
    return byTxid.containsKey(txid) || recentlyCommitted.containsKey(txid);
  }

  public synchronized boolean contains(Hash32 txid) {
    return byTxid.containsKey(txid);
  }

  public synchronized int size() {
    return byTxid.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public synchronized boolean isEmpty() {
    return byTxid.isEmpty();
  }

  /**
   * Calls {@code action} with every waiting transaction, on a copy taken under the lock, so slow
   * work per transaction (hashing, say) never holds admissions up.
   */
  public void forEach(Consumer<Transaction> action) {
    List<Transaction> waiting;
    synchronized (this) {
      waiting = new ArrayList<>(byTxid.size());
      for (MempoolEntry e : byTxid.values()) {
        waiting.add(e.tx());
      }
    }
    waiting.forEach(action);
  }

  /** Txids best fee rate first. */
  public synchronized List<Hash32> txids() {
    return byFeeRate.stream().map(e -> e.tx().txid()).toList();
  }

  public int maxTxs() {
    return policy.maxTxs();
  }

  public long maxBytes() {
    return policy.maxBytes();
  }

  /**
   * Holds the backlog the congestion floor allows to what the next block can carry, as {@code
   * nextBlockCapacity} says at the time (the block producer's limit).
   */
  public void capBacklogAt(IntSupplier nextBlockCapacity) {
    congestion.capAt(nextBlockCapacity);
  }

  /** Transactions that may wait before the congestion floor rises. */
  public synchronized int backlogLimit() {
    return congestion.backlogLimit();
  }

  public MempoolPolicy policy() {
    return policy;
  }

  public long admittedCount() {
    return admittedCount.get();
  }

  public long rejectedCount() {
    return rejectedCount.get();
  }

  /** Admissions and refusals by code, for metrics. */
  public AdmissionOutcomes outcomes() {
    return outcomes;
  }

  /**
   * What admission has cost so far: outpoints asked of the UTXO set, missing inputs checked against
   * the tx index, and transactions whose signatures were verified.
   */
  public AdmissionCost admissionCost() {
    return new AdmissionCost(
        checks.inputsLookedUp(), checks.spentProbes(), checks.signatureChecks());
  }

  /** See {@link #admissionCost()}. */
  public record AdmissionCost(long inputsLookedUp, long spentProbes, long signatureChecks) {}

  private static CompletableFuture<AdmitResult> done(AdmitResult r) {
    return CompletableFuture.completedFuture(r);
  }
}
