package org.timecoin.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.UtxoView;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvEntry;
import org.timecoin.storage.kv.KvSnapshot;
import org.timecoin.storage.kv.KvStore;

/**
 * The UTXO set: point reads through a cache bounded in bytes, batched reads for a whole block, and
 * streams over a snapshot.
 *
 * <p>Threading: never call it from a network event loop. Reads that miss the cache run on the
 * storage executor and complete the returned future there; the caller's thread never touches the
 * disk. Streams read on the thread that consumes them, so consume them on a worker thread. Only
 * {@link ChainStore} writes, from its single writer thread.
 *
 * <p>Cache coherence: the writer bumps an epoch before and after each commit (odd while
 * committing). A read that went to disk caches what it found only if the epoch was even and is
 * still unchanged, checked and cached under a lock the writer takes to finish a commit, so a value
 * read before a commit can never be cached after the commit that spent it.
 */
public final class UtxoStore implements UtxoView {
  /**
   * Estimated heap bytes of one cached entry: the OutPoint, its Hash32 and 32-byte array, the Utxo,
   * TxOut, Address and its 20-byte array, plus Caffeine's node and table slot (compressed oops).
   */
  static final int ENTRY_BYTES = 320;

  private static final int STREAM_CHUNK = 256;

  private final KvStore kv;
  private final BlockStore blocks;
  private final Executor reads;
  private final Cache<OutPoint, Utxo> cache;
  private final AtomicLong epoch = new AtomicLong();
  // Readers fill the cache under the read lock; the writer updates the cache and ends a commit
  // under the write lock, so "epoch unchanged, then put" is atomic with respect to a commit.
  private final ReadWriteLock cacheFill = new ReentrantReadWriteLock();

  UtxoStore(KvStore kv, BlockStore blocks, Executor reads, long cacheBytes) {
    this.kv = kv;
    this.blocks = blocks;
    this.reads = reads;
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(cacheBytes)
            .weigher((OutPoint k, Utxo v) -> ENTRY_BYTES)
            .executor(Runnable::run)
            .recordStats()
            .build();
  }

  /** The unspent output at {@code outPoint}, or empty. A cache miss completes on the executor. */
  public CompletableFuture<Optional<Utxo>> get(OutPoint outPoint) {
    Utxo hit = cache.getIfPresent(outPoint);
    if (hit != null) {
      return CompletableFuture.completedFuture(Optional.of(hit));
    }
    return CompletableFuture.supplyAsync(
        () -> Optional.ofNullable(load(List.of(outPoint)).get(outPoint)), reads);
  }

  /**
   * The unspent outputs among {@code outPoints} (absent ones are missing from the map). Cached
   * entries are answered at once; the rest are fetched with one multiGet on the executor.
   */
  @Override
  public CompletableFuture<Map<OutPoint, Utxo>> getAll(Collection<OutPoint> outPoints) {
    Map<OutPoint, Utxo> found = new HashMap<>(cache.getAllPresent(outPoints));
    if (found.size() == outPoints.size() || outPoints.isEmpty()) {
      return CompletableFuture.completedFuture(found);
    }
    List<OutPoint> misses = new ArrayList<>(outPoints.size() - found.size());
    Set<OutPoint> seen = new HashSet<>();
    for (OutPoint op : outPoints) {
      if (!found.containsKey(op) && seen.add(op)) {
        misses.add(op);
      }
    }
    return CompletableFuture.supplyAsync(
        () -> {
          found.putAll(load(misses));
          return found;
        },
        reads);
  }

  /**
   * Which of {@code missing} can never be spent: the transaction named is in the tx index (one key
   * read; no block is decoded) and the output is still absent when read again after that. The
   * second read closes the race with a block that landed after the first miss, so only an output
   * that existed and was spent, or an index beyond its transaction's outputs, is reported. Read on
   * the executor; only the rejection path of validation asks, and admission asks for one outpoint.
   */
  @Override
  public CompletableFuture<Set<OutPoint>> spent(Collection<OutPoint> missing) {
    List<OutPoint> asked = List.copyOf(missing);
    return CompletableFuture.supplyAsync(
        () -> {
          List<OutPoint> indexed = new ArrayList<>();
          for (OutPoint op : asked) {
            if (blocks.txLocation(op.txid()).isPresent()) {
              indexed.add(op);
            }
          }
          if (indexed.isEmpty()) {
            return Set.of();
          }
          Map<OutPoint, Utxo> back = load(indexed);
          Set<OutPoint> spent = new HashSet<>();
          for (OutPoint op : indexed) {
            if (!back.containsKey(op)) {
              spent.add(op);
            }
          }
          return spent;
        },
        reads);
  }

  /** Reads {@code keys} from disk and caches what it found, unless a commit ran meanwhile. */
  private Map<OutPoint, Utxo> load(List<OutPoint> keys) {
    long before = epoch.get();
    List<byte[]> raw = new ArrayList<>(keys.size());
    for (OutPoint op : keys) {
      raw.add(ChainSchema.utxoKey(op));
    }
    List<byte[]> values = kv.multiGet(ChainSchema.UTXOS, raw);
    Map<OutPoint, Utxo> found = HashMap.newHashMap(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      byte[] v = values.get(i);
      if (v != null) {
        found.put(keys.get(i), ChainSchema.utxo(keys.get(i), v));
      }
    }
    cacheFill.readLock().lock();
    try {
      if ((before & 1) == 0 && epoch.get() == before) {
        cache.putAll(found);
      }
    } finally {
      cacheFill.readLock().unlock();
    }
    return found;
  }

  /**
   * Every unspent output, in outpoint order, from a consistent view taken now; O(1) memory. The
   * stream holds a database iterator: close it (try-with-resources).
   */
  public Stream<Utxo> streamUtxos() {
    KvCursor cursor = kv.scan(ChainSchema.UTXOS, KeyRange.all());
    return cursor.stream(
        e -> {
          OutPoint op = OutPoint.CODEC.decode(e.key());
          return ChainSchema.utxo(op, e.value());
        });
  }

  /**
   * The unspent outputs paying {@code address}, from a consistent snapshot, read through the
   * address index in chunks (memory bounded by the chunk size). Close the stream.
   */
  public Stream<Utxo> streamUtxos(Address address) {
    KvSnapshot snapshot = kv.snapshot();
    KvCursor cursor;
    try {
      cursor = snapshot.scan(ChainSchema.UTXOS_BY_ADDRESS, KeyRange.prefix(address.payload()));
    } catch (RuntimeException e) {
      snapshot.close();
      throw e;
    }
    Iterator<Utxo> it = new IndexLookup(cursor, snapshot);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(
            () -> {
              cursor.close();
              snapshot.close();
            });
  }

  /** Walks the address index and fetches the outputs it names, a chunk per multiGet. */
  private static final class IndexLookup implements Iterator<Utxo> {
    private final KvCursor index;
    private final KvSnapshot snapshot;
    private Iterator<Utxo> chunk = List.<Utxo>of().iterator();

    IndexLookup(KvCursor index, KvSnapshot snapshot) {
      this.index = index;
      this.snapshot = snapshot;
    }

    @Override
    public boolean hasNext() {
      while (!chunk.hasNext() && index.hasNext()) {
        List<OutPoint> ops = new ArrayList<>(STREAM_CHUNK);
        List<byte[]> keys = new ArrayList<>(STREAM_CHUNK);
        while (ops.size() < STREAM_CHUNK && index.hasNext()) {
          KvEntry e = index.next();
          OutPoint op = ChainSchema.outPointOfAddressKey(e.key());
          ops.add(op);
          keys.add(ChainSchema.utxoKey(op));
        }
        List<byte[]> values = snapshot.multiGet(ChainSchema.UTXOS, keys);
        List<Utxo> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
          if (values.get(i) == null) {
            throw new StorageException(
                StorageException.Kind.CORRUPT,
                null,
                "address index names "
                    + ops.get(i)
                    + " but the UTXO is missing: the database is inconsistent; resync from peers");
          }
          out.add(ChainSchema.utxo(ops.get(i), values.get(i)));
        }
        chunk = out.iterator();
      }
      return chunk.hasNext();
    }

    @Override
    public Utxo next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return chunk.next();
    }
  }

  /** Hit and miss counts and the current estimated size of the cache. */
  public UtxoCacheStats cacheStats() {
    cache.cleanUp();
    var s = cache.stats();
    return new UtxoCacheStats(
        s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize() * ENTRY_BYTES);
  }

  // ---- writer side (ChainStore only) ----

  /**
   * Adds the puts and deletes of a block to {@code batch}. An output both created and spent in the
   * block is skipped on both sides: it never reaches the set.
   */
  void stage(KvBatch batch, List<Utxo> adds, List<Utxo> removes) {
    Set<OutPoint> added = new HashSet<>();
    adds.forEach(u -> added.add(u.outPoint()));
    Set<OutPoint> spentHere = new HashSet<>();
    for (Utxo u : removes) {
      if (added.contains(u.outPoint())) {
        spentHere.add(u.outPoint());
      } else {
        batch.delete(ChainSchema.UTXOS, ChainSchema.utxoKey(u.outPoint()));
        batch.delete(
            ChainSchema.UTXOS_BY_ADDRESS, ChainSchema.addressKey(u.address(), u.outPoint()));
      }
    }
    for (Utxo u : adds) {
      if (!spentHere.contains(u.outPoint())) {
        batch.put(ChainSchema.UTXOS, ChainSchema.utxoKey(u.outPoint()), ChainSchema.utxoValue(u));
        batch.put(
            ChainSchema.UTXOS_BY_ADDRESS,
            ChainSchema.addressKey(u.address(), u.outPoint()),
            new byte[0]);
      }
    }
  }

  /** Empties the cache: the writer changed the set outside a block (a snapshot import). */
  void invalidateAll() {
    cacheFill.writeLock().lock();
    try {
      epoch.addAndGet(2); // a read that began before this caches nothing it found
      cache.invalidateAll();
    } finally {
      cacheFill.writeLock().unlock();
    }
  }

  /** Called by the writer just before it writes a batch. */
  void beginCommit() {
    epoch.incrementAndGet();
  }

  /**
   * Called by the writer after the batch: on success the spent outputs leave the cache and the new
   * ones enter it (they are likely to be spent soon); on failure the cache is left as it was.
   */
  void endCommit(List<Utxo> adds, List<Utxo> removes, boolean committed) {
    cacheFill.writeLock().lock();
    try {
      if (committed) {
        Map<OutPoint, Utxo> fresh = HashMap.newHashMap(adds.size());
        adds.forEach(u -> fresh.put(u.outPoint(), u));
        for (Utxo u : removes) {
          fresh.remove(u.outPoint());
          cache.invalidate(u.outPoint());
        }
        cache.putAll(fresh);
      }
      epoch.incrementAndGet();
    } finally {
      cacheFill.writeLock().unlock();
    }
  }
}
