package org.timecoin.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;

/**
 * Validates a proposed or synced block:
 *
 * <ol>
 *   <li>structure ({@link BlockRules#checkStructure()}), synchronously on the caller's thread: it
 *       is cheap (hash sets, the Merkle root) and rejects most garbage before any other work;
 *   <li>the signatures of the parent's certificate (the block's lastCommit, unless the {@link
 *       SignatureCache} holds it) and of every transaction not in the cache, in parallel on the
 *       pool (they depend on nothing but the block, so they start at once);
 *   <li>meanwhile one batched lookup of all inputs created by earlier blocks, then the input and
 *       coinbase rules on the pool ({@link BlockRules#checkInputs});
 *   <li>then the state root through {@link StateRootCheck}, also on the pool, while signatures may
 *       still run.
 * </ol>
 *
 * A rejection from any step aborts the others. When several steps reject, the reported one is the
 * first in the order rules, lastCommit signatures, transaction signatures, state root. The pool
 * must be a bounded FIFO pool (e.g. {@code Executors.newFixedThreadPool(cores)}) with {@code
 * parallelism} threads; nothing here blocks a pool thread waiting for another task.
 */
public final class BlockValidator {
  private final Executor pool;
  private final ParallelSignatureCheck signatures;
  private final CertificateSignatureCheck certificates;

  public BlockValidator(Executor pool, int parallelism, SignatureCache cache) {
    this.pool = pool;
    this.signatures = new ParallelSignatureCheck(pool, parallelism, cache);
    this.certificates = new CertificateSignatureCheck(pool, parallelism, cache);
  }

  public CompletableFuture<ValidationResult> validate(
      Block block, BlockContext ctx, UtxoView view, StateRootCheck stateRoot) {
    BlockRules rules = new BlockRules(block, ctx);
    ValidationResult structure = rules.checkStructure();
    if (!structure.isValid()) {
      return CompletableFuture.completedFuture(structure);
    }
    AtomicBoolean abort = new AtomicBoolean();
    CompletableFuture<ValidationResult> commitSigs = lastCommitSignatures(rules, ctx, abort);
    CompletableFuture<ValidationResult> txSigs =
        signatures.verify(ctx.chainId(), block.txs(), abort);
    CompletableFuture<ValidationResult> sigs =
        commitSigs.thenCombine(txSigs, (c, t) -> c.isValid() ? t : c);
    List<OutPoint> wanted = rules.externalInputs();
    CompletableFuture<Map<OutPoint, Utxo>> lookup;
    try {
      lookup = view.getAll(wanted);
    } catch (RuntimeException e) {
      abort.set(true);
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<ValidationResult> state =
        lookup
            .thenComposeAsync(found -> checkInputs(rules, view, wanted, found, pool), pool)
            .thenApply(r -> r.isValid() ? compareStateRoot(block, r, stateRoot, abort) : r)
            .whenComplete(
                (r, error) -> {
                  if (error != null || !r.isValid()) {
                    abort.set(true);
                  }
                });
    return state.thenCombine(
        sigs,
        (r, s) -> {
          if (r.isValid() || r.rejection() == Rejection.BAD_STATE_ROOT) {
            return s.isValid() ? r : s;
          }
          return r;
        });
  }

  private CompletableFuture<ValidationResult> lastCommitSignatures(
      BlockRules rules, BlockContext ctx, AtomicBoolean abort) {
    CommitCertificate certificate = rules.parentCertificate();
    if (certificate == null) {
      return CompletableFuture.completedFuture(ValidationResult.ok());
    }
    return certificates
        .verify(certificate, ctx.parentValidators(), ctx.chainId(), abort)
        .thenApply(
            r -> {
              if (r.isValid()) {
                return ValidationResult.ok();
              }
              abort.set(true);
              return ValidationResult.reject(
                  Rejection.BAD_LAST_COMMIT,
                  "lastCommit is not a certificate of block "
                      + certificate.height()
                      + ": "
                      + r.detail());
            });
  }

  private static CompletableFuture<ValidationResult> checkInputs(
      BlockRules rules,
      UtxoView view,
      List<OutPoint> wanted,
      Map<OutPoint, Utxo> found,
      Executor pool) {
    if (found.size() == wanted.size()) {
      return CompletableFuture.completedFuture(rules.checkInputs(found, Set.of()));
    }
    List<OutPoint> missing = new ArrayList<>();
    for (OutPoint op : wanted) {
      if (!found.containsKey(op)) {
        missing.add(op);
      }
    }
    return view.spent(missing).thenApplyAsync(spent -> rules.checkInputs(found, spent), pool);
  }

  private static ValidationResult compareStateRoot(
      Block block, ValidationResult r, StateRootCheck stateRoot, AtomicBoolean abort) {
    if (abort.get()) {
      return r; // a signature failed; that rejection wins and the root does not matter
    }
    Hash32 expected = stateRoot.stateRootAfter(r.delta());
    if (!expected.equals(block.header().stateRoot())) {
      return ValidationResult.reject(
          Rejection.BAD_STATE_ROOT,
          "stateRoot " + block.header().stateRoot() + " but applying the block gives " + expected);
    }
    return r;
  }
}
