package org.timecoin.storage.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;
import org.timecoin.storage.StorageException;
import org.timecoin.storage.StorageException.Kind;

/**
 * Bulk loads of sorted runs into a RocksDB column: each run is written as a table file with the
 * column's own options and handed to RocksDB ({@code IngestExternalFile}), which links it into the
 * tree at the lowest level where it overlaps nothing. A run therefore skips the memtable, its flush
 * and the compactions that would rewrite it: the cheapest way to load a snapshot's key-ordered
 * chunks. The files are built in a directory of their own inside the database; what a crash leaves
 * there is deleted on the next open.
 */
final class RocksIngest {
  private final RocksDB db;
  private final Path dir;
  private final DBOptions dbOptions;
  private final Map<String, ColumnFamilyOptions> columnOptions;
  private final AtomicLong files = new AtomicLong();

  private RocksIngest(
      RocksDB db, Path dir, DBOptions dbOptions, Map<String, ColumnFamilyOptions> columnOptions) {
    this.db = db;
    this.dir = dir;
    this.dbOptions = dbOptions;
    this.columnOptions = columnOptions;
  }

  /** Prepares {@code dbPath}/ingest, deleting what an interrupted load left there. */
  static RocksIngest open(
      RocksDB db,
      Path dbPath,
      DBOptions dbOptions,
      Map<String, ColumnFamilyOptions> columnOptions) {
    Path dir = dbPath.resolve("ingest");
    try {
      Files.createDirectories(dir);
      try (Stream<Path> leftovers = Files.list(dir)) {
        for (Path p : (Iterable<Path>) leftovers::iterator) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          Kind.IO, dir, "cannot prepare the bulk-load directory " + dir + ": " + e.getMessage(), e);
    }
    return new RocksIngest(db, dir, dbOptions, columnOptions);
  }

  /** Writes {@code entries} (keys strictly ascending, checked by the caller) and ingests them. */
  void ingest(KvColumn column, ColumnFamilyHandle handle, List<KvEntry> entries)
      throws RocksDBException {
    Path file = dir.resolve(files.incrementAndGet() + ".sst");
    try (Options options = new Options(dbOptions, columnOptions.get(column.name()));
        EnvOptions env = new EnvOptions();
        SstFileWriter writer = new SstFileWriter(env, options)) {
      writer.open(file.toString());
      for (KvEntry e : entries) {
        writer.put(e.key(), e.value());
      }
      writer.finish();
    }
    try (IngestExternalFileOptions options =
        new IngestExternalFileOptions()
            .setMoveFiles(true) // a hard link: nothing is copied
            .setAllowGlobalSeqNo(true) // a run may land over keys written before (a resumed load)
            .setAllowBlockingFlush(true)) {
      db.ingestExternalFile(handle, List.of(file.toString()), options);
    } finally {
      try {
        Files.deleteIfExists(file); // the database holds its own link once ingested
      } catch (IOException e) {
        // left for the next open to delete
      }
    }
  }
}
