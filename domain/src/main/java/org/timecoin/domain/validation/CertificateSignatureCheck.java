package org.timecoin.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.CertificateResult;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;

/**
 * Verifies the signatures of a certificate whose signers were already checked ({@link
 * CommitCertificate#verifySigners}) on a bounded pool, split into at most {@code parallelism}
 * chunks of at least {@link #MIN_CHUNK}. A certificate in the {@link SignatureCache} is not
 * verified again; one that verifies is added.
 */
final class CertificateSignatureCheck {
  /** Fewer signatures than this are not worth a task of their own. */
  static final int MIN_CHUNK = 16;

  private final Executor pool;
  private final int parallelism;
  private final SignatureCache cache;

  CertificateSignatureCheck(Executor pool, int parallelism, SignatureCache cache) {
    this.pool = pool;
    this.parallelism = parallelism;
    this.cache = cache;
  }

  /**
   * The first bad signature, or valid. Setting {@code abort} stops chunks not yet started (the
   * result is then meaningless, and nothing is cached).
   */
  CompletableFuture<CertificateResult> verify(
      CommitCertificate certificate, ValidatorSet signers, Hash32 chainId, AtomicBoolean abort) {
    int n = certificate.signatures().size();
    Hash32 key = SignatureCache.certificateKey(certificate);
    if (n == 0 || cache.isVerified(key)) {
      return CompletableFuture.completedFuture(CertificateResult.valid(0));
    }
    int chunks = Math.min(parallelism, (n + MIN_CHUNK - 1) / MIN_CHUNK);
    int size = (n + chunks - 1) / chunks;
    List<CompletableFuture<CertificateResult>> parts = new ArrayList<>(chunks);
    try {
      for (int from = 0; from < n; from += size) {
        int start = from;
        int end = Math.min(n, from + size);
        parts.add(
            CompletableFuture.supplyAsync(
                () ->
                    abort.get() ? null : certificate.verifySignatures(signers, chainId, start, end),
                pool));
      }
    } catch (RuntimeException e) { // e.g. RejectedExecutionException from a closed pool
      abort.set(true);
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              boolean skipped = false;
              for (CompletableFuture<CertificateResult> part : parts) {
                CertificateResult r = part.join();
                if (r == null) {
                  skipped = true;
                } else if (!r.isValid()) {
                  return r;
                }
              }
              if (!skipped) {
                cache.markVerified(key);
              }
              return CertificateResult.valid(0);
            });
  }
}
