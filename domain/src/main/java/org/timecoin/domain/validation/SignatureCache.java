package org.timecoin.domain.validation;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.collect.RecentMap;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.crypto.DecodedKeys;

/**
 * Txids whose signatures all verified, so a transaction checked when it entered the mempool is not
 * checked again in a block. The txid covers the signatures, so a cached txid vouches for exactly
 * those bytes. Certificates whose signatures all verified are kept the same way under {@link
 * #certificateKey}, a hash of their whole encoding in a domain of its own. Only successes are
 * recorded. One cache serves one chain (the chain id is part of what was verified but not of the
 * key). Bounded, the newest entries kept ({@link RecentMap}: each is written once and read about
 * once, when its block is validated); thread-safe.
 */
public final class SignatureCache {
  private final RecentMap<Hash32, Boolean> verified;
  private final DecodedKeys keys;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder blockTxsCached = new LongAdder();
  private final LongAdder blockTxsChecked = new LongAdder();

  public SignatureCache(long maxEntries) {
    this.verified = new RecentMap<>((int) Math.min(Integer.MAX_VALUE, maxEntries));
    this.keys = new DecodedKeys(Math.min(maxEntries, DecodedKeys.DEFAULT_MAX_KEYS));
  }

  /** The decoded keys of transactions verified lately, for the checks of the next ones. */
  public DecodedKeys keys() {
    return keys;
  }

  private static final byte[] CERTIFICATE_DOMAIN =
      "timecoin certificate signatures".getBytes(StandardCharsets.US_ASCII);

  /**
   * The key under which {@code certificate}'s signatures are recorded: it covers height, round,
   * block hash and every (signer, signature), so it vouches for exactly those signatures (whether
   * the signers are members with a quorum is checked each time, cheaply).
   */
  public static Hash32 certificateKey(CommitCertificate certificate) {
    return Sha256.hash(CERTIFICATE_DOMAIN, CommitCertificate.CODEC.encode(certificate));
  }

  public boolean isVerified(Hash32 txid) {
    boolean hit = verified.containsKey(txid);
    (hit ? hits : misses).increment();
    return hit;
  }

  public void markVerified(Hash32 txid) {
    verified.put(txid, Boolean.TRUE);
  }

  /** Forget one entry, e.g. to measure cold validation. */
  public void invalidate(Hash32 txid) {
    verified.remove(txid);
  }

  /** Forgets every entry and every decoded key. */
  public void clear() {
    verified.clear();
    keys.clear();
  }

  /** Number of entries. */
  public long size() {
    return verified.size();
  }

  public long hitCount() {
    return hits.sum();
  }

  public long missCount() {
    return misses.sum();
  }

  /**
   * Counts a block's transactions with inputs whose signatures were found here ({@code cached}) or
   * had to be checked with the block ({@code checked}): how much of its signature work was done
   * before it was validated (at admission, or by block sync's early checks).
   */
  void countBlockTxs(int cached, int checked) {
    blockTxsCached.add(cached);
    blockTxsChecked.add(checked);
  }

  /** Transactions of validated blocks whose signatures had been verified before. */
  public long blockTxsCached() {
    return blockTxsCached.sum();
  }

  /** Transactions of validated blocks whose signatures were checked with their block. */
  public long blockTxsChecked() {
    return blockTxsChecked.sum();
  }
}
