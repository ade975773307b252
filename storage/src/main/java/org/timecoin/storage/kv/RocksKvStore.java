package org.timecoin.storage.kv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksObject;
import org.rocksdb.Snapshot;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.timecoin.storage.StorageException;
import org.timecoin.storage.StorageException.Kind;

/**
 * The RocksDB {@link KvStore}: one column family per {@link KvColumn}, bloom filters on
 * point-lookup columns, one shared block cache, the write-ahead log always on ({@code fsync} per
 * batch when {@link RocksConfig#syncWrites()}).
 *
 * <p>Never call it from a network event loop: every call is a JNI call that may block on disk.
 * Closing waits for running calls and then closes any cursor or snapshot still open, so a late call
 * gets a CLOSED error rather than a crash of the JVM.
 */
public final class RocksKvStore implements KvStore {
  static {
    RocksDB.loadLibrary();
  }

  /**
   * Past this much WAL, RocksDB flushes the column families that hold the oldest log alive, so a
   * reopen replays at most this much.
   */
  static final long MAX_TOTAL_WAL_BYTES = 256L << 20;

  private final Path path;
  private final boolean createdNew;
  private final RocksDB db;
  private final Map<String, ColumnFamilyHandle> handles;
  private final List<RocksObject> resources; // closed last, in reverse order
  private final WriteOptions writeOptions;
  private final ReadOptions readOptions;
  private final Statistics statistics;
  private final RocksIngest ingest;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<AutoCloseable> openViews = ConcurrentHashMap.newKeySet();
  private boolean closed;

  private RocksKvStore(
      Path path,
      boolean createdNew,
      RocksDB db,
      Map<String, ColumnFamilyHandle> handles,
      List<RocksObject> resources,
      WriteOptions writeOptions,
      ReadOptions readOptions,
      Statistics statistics,
      RocksIngest ingest) {
    this.path = path;
    this.createdNew = createdNew;
    this.db = db;
    this.handles = handles;
    this.resources = resources;
    this.writeOptions = writeOptions;
    this.readOptions = readOptions;
    this.statistics = statistics;
    this.ingest = ingest;
  }

  /**
   * Opens (or, with {@link OpenMode#CREATE_IF_MISSING}, creates) the database in {@code path}.
   *
   * @throws StorageException MISSING when there is no database and creation was not asked for;
   *     FOREIGN when the directory holds something else (files that are not a database, or a
   *     database with column families we do not know); CORRUPT or IO when RocksDB refuses it
   */
  public static RocksKvStore open(
      Path path, RocksConfig config, Collection<KvColumn> columnsAsked, OpenMode mode) {
    List<KvColumn> columns = List.copyOf(columnsAsked); // one order for descriptors and handles
    boolean exists = Files.exists(path.resolve("CURRENT"));
    if (!exists) {
      checkCreatable(path, mode);
    } else {
      checkColumnFamilies(path, columns);
    }
    List<RocksObject> resources = new ArrayList<>();
    try {
      LRUCache cache = keep(resources, new LRUCache(config.blockCacheBytes()));
      BloomFilter bloom = keep(resources, new BloomFilter(10, false));
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      Map<String, ColumnFamilyOptions> optionsByColumn = new HashMap<>();
      descriptors.add(
          new ColumnFamilyDescriptor(
              RocksDB.DEFAULT_COLUMN_FAMILY, keep(resources, columnOptions(config, cache, null))));
      for (KvColumn c : columns) {
        ColumnFamilyOptions cfo =
            keep(resources, columnOptions(config, cache, c.pointLookups() ? bloom : null));
        optionsByColumn.put(c.name(), cfo);
        descriptors.add(new ColumnFamilyDescriptor(c.name().getBytes(StandardCharsets.UTF_8), cfo));
      }
      // The cheapest level the Java binding offers; one batch per block and point reads make its
      // counters and histograms a negligible cost here.
      Statistics statistics = keep(resources, new Statistics());
      statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
      DBOptions dbOptions =
          keep(
              resources,
              new DBOptions()
                  .setStatistics(statistics)
                  .setCreateIfMissing(!exists)
                  .setCreateMissingColumnFamilies(true)
                  .setMaxBackgroundJobs(config.backgroundJobs())
                  .setKeepLogFileNum(5)
                  // Rarely written column families (meta, peers) would otherwise pin every WAL
                  // file since their last flush: hundreds of MB of WAL and seconds of replay.
                  .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES)
                  .setBytesPerSync(1 << 20));
      List<ColumnFamilyHandle> handleList = new ArrayList<>();
      RocksDB db = RocksDB.open(dbOptions, path.toString(), descriptors, handleList);
      // Keyed by the columns' own name strings: every read and write looks its handle up, and the
      // same String instance compares equal without comparing its characters.
      Map<String, ColumnFamilyHandle> handles = new HashMap<>();
      int at = 1; // descriptor 0 is the default column family
      for (KvColumn c : columns) {
        handles.put(c.name(), handleList.get(at++));
      }
      handleList.get(0).close();
      WriteOptions wo = keep(resources, new WriteOptions().setSync(config.syncWrites()));
      ReadOptions ro = keep(resources, new ReadOptions());
      RocksIngest ingest;
      try {
        ingest = RocksIngest.open(db, path, dbOptions, optionsByColumn);
      } catch (StorageException e) {
        handles.values().forEach(ColumnFamilyHandle::close);
        db.close();
        closeAll(resources);
        throw e;
      }
      return new RocksKvStore(path, !exists, db, handles, resources, wo, ro, statistics, ingest);
    } catch (RocksDBException e) {
      closeAll(resources);
      throw RocksErrors.translate(path, "opening", e);
    }
  }

  private static void checkCreatable(Path path, OpenMode mode) {
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new StorageException(
          Kind.FOREIGN,
          path,
          path + " is a file, not a database directory: point [storage] path at a directory");
    }
    if (mode == OpenMode.MUST_EXIST) {
      throw new StorageException(
          Kind.MISSING,
          path,
          "no database at "
              + path
              + ": check [storage] path, or initialise a new node there (--init) to create one");
    }
    try {
      if (Files.isDirectory(path)) {
        try (Stream<Path> entries = Files.list(path)) {
          if (entries.findAny().isPresent()) {
            throw new StorageException(
                Kind.FOREIGN,
                path,
                path
                    + " is not empty and holds no database: choose an empty directory or move"
                    + " its files away");
          }
        }
      }
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new StorageException(
          Kind.IO, path, "cannot create database directory " + path + ": " + e.getMessage(), e);
    }
  }

  private static void checkColumnFamilies(Path path, Collection<KvColumn> columns) {
    Set<String> ours = new HashSet<>();
    ours.add("default");
    columns.forEach(c -> ours.add(c.name()));
    List<String> unknown = new ArrayList<>();
    Set<String> missing = new HashSet<>(ours);
    try (Options options = new Options()) {
      List<byte[]> names = RocksDB.listColumnFamilies(options, path.toString());
      if (names.isEmpty()) {
        // Every RocksDB has "default"; RocksDB lists nothing when CURRENT or the MANIFEST is
        // damaged.
        throw new StorageException(
            Kind.CORRUPT,
            path,
            "database at "
                + path
                + " is corrupt (its CURRENT or MANIFEST file is unreadable): restore it from a"
                + " backup, or move it away and resync from peers");
      }
      for (byte[] name : names) {
        String n = new String(name, StandardCharsets.UTF_8);
        missing.remove(n);
        if (!ours.contains(n)) {
          unknown.add(n);
        }
      }
    } catch (RocksDBException e) {
      throw RocksErrors.translate(path, "reading the column family list", e);
    }
    if (unknown.isEmpty() && !missing.isEmpty()) {
      // The listing is lenient: a damaged MANIFEST may list only "default". A real open tells.
      try (Options options = new Options();
          RocksDB probe = RocksDB.openReadOnly(options, path.toString())) {
        probe.getLatestSequenceNumber();
      } catch (RocksDBException e) {
        throw RocksErrors.translate(path, "opening", e);
      }
      throw new StorageException(
          Kind.FOREIGN,
          path,
          "database at "
              + path
              + " lacks the column families "
              + missing.stream().sorted().toList()
              + ", so another program wrote it: point [storage] path at this node's data directory");
    }
    if (!unknown.isEmpty()) {
      throw new StorageException(
          Kind.FOREIGN,
          path,
          "database at "
              + path
              + " belongs to another program (unknown column families "
              + unknown
              + "): point [storage] path at this node's data directory");
    }
  }

  private static ColumnFamilyOptions columnOptions(
      RocksConfig config, LRUCache cache, BloomFilter bloom) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setBlockSize(16 * 1024)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setFormatVersion(5);
    if (bloom != null) {
      table.setFilterPolicy(bloom).setWholeKeyFiltering(true);
    }
    return new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setWriteBufferSize(config.writeBufferBytes())
        .setMaxWriteBufferNumber(3)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setLevelCompactionDynamicLevelBytes(true);
  }

  private static <T extends RocksObject> T keep(List<RocksObject> resources, T object) {
    resources.add(object);
    return object;
  }

  private static void closeAll(List<RocksObject> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private ColumnFamilyHandle handle(KvColumn column) {
    ColumnFamilyHandle h = handles.get(column.name());
    if (h == null) {
      throw new IllegalArgumentException("unknown column family " + column.name());
    }
    return h;
  }

  /** Runs {@code op} under the read lock so that close() cannot free native memory under it. */
  private <T> T guarded(String action, RocksCall<T> op) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new StorageException(Kind.CLOSED, path, "database at " + path + " is closed");
      }
      return op.call();
    } catch (RocksDBException e) {
      throw RocksErrors.translate(path, action, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @FunctionalInterface
  interface RocksCall<T> {
    T call() throws RocksDBException;
  }

  @Override
  public byte[] get(KvColumn column, byte[] key) {
    return guarded("reading", () -> db.get(handle(column), readOptions, key));
  }

  @Override
  public List<byte[]> multiGet(KvColumn column, List<byte[]> keys) {
    return guarded("reading", () -> multiGet(column, keys, readOptions));
  }

  private List<byte[]> multiGet(KvColumn column, List<byte[]> keys, ReadOptions options)
      throws RocksDBException {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<ColumnFamilyHandle> cfs = Collections.nCopies(keys.size(), handle(column));
    return db.multiGetAsList(options, cfs, keys);
  }

  @Override
  public KvCursor scan(KvColumn column, KeyRange range) {
    return guarded("scanning", () -> openCursor(column, range, null));
  }

  private KvCursor openCursor(KvColumn column, KeyRange range, Snapshot snapshot) {
    ColumnFamilyHandle h = handle(column);
    RocksCursor cursor = new RocksCursor(this, db, h, range, snapshot);
    openViews.add(cursor);
    return cursor;
  }

  /** Lets a cursor run a step under the store's lock; a closed store reports CLOSED. */
  <T> T step(Supplier<T> op) {
    return guarded("scanning", op::get);
  }

  void forget(AutoCloseable view) {
    openViews.remove(view);
  }

  Path path() {
    return path;
  }

  @Override
  public KvBatch newBatch() {
    return new RocksBatch(this::handle);
  }

  @Override
  public void write(KvBatch batch) {
    if (!(batch instanceof RocksBatch rb)) {
      throw new IllegalArgumentException("batch was not created by this store");
    }
    guarded(
        "writing",
        () -> {
          WriteBatch wb = rb.writeBatch();
          db.write(writeOptions, wb);
          return null;
        });
  }

  @Override
  public void writeUnlogged(KvBatch batch) {
    if (!(batch instanceof RocksBatch rb)) {
      throw new IllegalArgumentException("batch was not created by this store");
    }
    guarded(
        "writing",
        () -> {
          try (WriteOptions unlogged = new WriteOptions().setDisableWAL(true)) {
            db.write(unlogged, rb.writeBatch());
          }
          return null;
        });
  }

  @Override
  public void flush() {
    guarded(
        "flushing",
        () -> {
          try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flush(options, List.copyOf(handles.values()));
          }
          return null;
        });
  }

  @Override
  public void ingestSorted(KvColumn column, List<KvEntry> entries) {
    SortedRun.checkAscending(entries);
    if (entries.isEmpty()) {
      return; // a table file cannot be empty
    }
    ColumnFamilyHandle h = handle(column);
    guarded(
        "bulk-loading",
        () -> {
          ingest.ingest(column, h, entries);
          return null;
        });
  }

  @Override
  public void deferCompactions(KvColumn column, boolean deferred) {
    ColumnFamilyHandle h = handle(column);
    guarded(
        "setting when to merge files",
        () -> {
          db.setOptions(h, L0Triggers.of(deferred));
          return null;
        });
  }

  /** Files in {@code column}'s level 0: flushed and not merged yet. */
  long level0Files(KvColumn column) {
    ColumnFamilyHandle h = handle(column);
    return guarded(
        "reading statistics",
        () -> Long.parseLong(db.getProperty(h, "rocksdb.num-files-at-level0").trim()));
  }

  @Override
  public KvSnapshot snapshot() {
    return guarded(
        "taking a snapshot",
        () -> {
          RocksSnapshot s = new RocksSnapshot(db.getSnapshot());
          openViews.add(s);
          return s;
        });
  }

  /**
   * Write-ahead-log activity since open: how many writes went through the WAL and how many times
   * RocksDB fsynced a WAL file (once per write when {@link RocksConfig#syncWrites()}, never
   * otherwise).
   */
  public WalStats walStats() {
    return guarded(
        "reading statistics",
        () ->
            new WalStats(
                statistics.getTickerCount(TickerType.WRITE_WITH_WAL),
                statistics.getTickerCount(TickerType.WAL_FILE_SYNCED)));
  }

  /** See {@link #walStats()}. */
  public record WalStats(long writesWithWal, long walFileSyncs) {}

  @Override
  public Optional<EngineStats> engineStats() {
    return Optional.of(
        guarded(
            "reading statistics",
            () ->
                new EngineStats(
                    statistics.getTickerCount(TickerType.BLOCK_CACHE_HIT),
                    statistics.getTickerCount(TickerType.BLOCK_CACHE_MISS),
                    statistics.getTickerCount(TickerType.STALL_MICROS),
                    db.getLongProperty("rocksdb.is-write-stopped") != 0,
                    db.getLongProperty("rocksdb.actual-delayed-write-rate"),
                    db.getAggregatedLongProperty("rocksdb.compaction-pending") != 0,
                    db.getAggregatedLongProperty("rocksdb.estimate-pending-compaction-bytes"),
                    db.getLongProperty("rocksdb.num-running-compactions"),
                    // One cache serves every column family: the default one's figure is the whole.
                    db.getLongProperty("rocksdb.block-cache-usage"))));
  }

  @Override
  public Optional<Path> location() {
    return Optional.of(path);
  }

  @Override
  public boolean createdNew() {
    return createdNew;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (AutoCloseable view : List.copyOf(openViews)) {
        try {
          view.close();
        } catch (Exception e) {
          // closing a view only frees memory; nothing to report
        }
      }
      handles.values().forEach(ColumnFamilyHandle::close);
      try {
        db.syncWal();
      } catch (RocksDBException e) {
        // best effort: every acknowledged batch is already in the WAL
      }
      db.close();
      closeAll(resources);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A RocksDB snapshot; reads run with ReadOptions pinned to it. */
  private final class RocksSnapshot implements KvSnapshot {
    private final Snapshot snapshot;
    private final ReadOptions options;
    private boolean released;

    RocksSnapshot(Snapshot snapshot) {
      this.snapshot = snapshot;
      this.options = new ReadOptions().setSnapshot(snapshot);
    }

    private void checkOpen() {
      if (released) {
        throw new StorageException(Kind.CLOSED, path, "snapshot of " + path + " is closed");
      }
    }

    @Override
    public byte[] get(KvColumn column, byte[] key) {
      return guarded(
          "reading",
          () -> {
            checkOpen();
            return db.get(handle(column), options, key);
          });
    }

    @Override
    public List<byte[]> multiGet(KvColumn column, List<byte[]> keys) {
      return guarded(
          "reading",
          () -> {
            checkOpen();
            return RocksKvStore.this.multiGet(column, keys, options);
          });
    }

    @Override
    public KvCursor scan(KvColumn column, KeyRange range) {
      return guarded(
          "scanning",
          () -> {
            checkOpen();
            return openCursor(column, range, snapshot);
          });
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      released = true;
      openViews.remove(this);
      // During store close() the write lock is held by this thread, so the read lock is reentrant.
      lock.readLock().lock();
      try {
        if (!closed || openViewsClosing()) {
          db.releaseSnapshot(snapshot);
        }
        options.close();
      } finally {
        lock.readLock().unlock();
      }
    }

    private boolean openViewsClosing() {
      return ((ReentrantReadWriteLock) lock).isWriteLockedByCurrentThread();
    }
  }
}
