package org.timecoin.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.storage.StorageException.Kind;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvEntry;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.snapshot.BadChunkException;
import org.timecoin.storage.snapshot.SnapshotChunk;
import org.timecoin.storage.snapshot.SnapshotManifest;

/**
 * The progress of a chunked snapshot import, kept in META so it survives a crash: the manifest
 * being imported and one done-marker per chunk written. A chunk's UTXOs are stored as a sorted run
 * (durable at once); its other entries are written without the WAL and flushed before its marker is
 * written (every few chunks, {@link #persistMarks}), so a marker never names data a crash could
 * lose.
 *
 * <p>Threading: {@link #importChunk} may run on several threads at once for different chunks; the
 * other writes run on the chain's writer, never while a chunk is being imported.
 */
final class ChunkedImport {
  static final byte[] MANIFEST_KEY = "import/manifest".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DONE_PREFIX = "import/done/".getBytes(StandardCharsets.US_ASCII);

  /** The columns a snapshot fills, emptied again by an abort. */
  static final List<KvColumn> STATE_COLUMNS =
      List.of(
          ChainSchema.UTXOS,
          ChainSchema.UTXOS_BY_ADDRESS,
          ChainSchema.MASTERNODES,
          ChainSchema.MASTERNODE_COLLATERALS);

  private static final int DELETE_BATCH = 10_000;

  /** The address index's value: the key says it all (one array for every entry; never written). */
  private static final byte[] EMPTY = new byte[0];

  private final KvStore kv;
  private volatile SnapshotManifest manifest;
  private final BitSet done = new BitSet(); // guarded by "this"
  // Chunks written (unlogged) whose markers are not on disk yet; guarded by "this".
  private final BitSet unmarked = new BitSet();
  private final Object marking = new Object();

  /** Chunks imported between two flushes. */
  static final int MARK_EVERY = 8;

  private ChunkedImport(KvStore kv, SnapshotManifest manifest) {
    this.kv = kv;
    this.manifest = manifest;
  }

  /** The import recorded in {@code kv}, if any, with its chunks done. */
  static ChunkedImport load(KvStore kv, Path path) {
    byte[] raw = kv.get(ChainSchema.META, MANIFEST_KEY);
    SnapshotManifest m = null;
    if (raw != null) {
      try {
        m = SnapshotManifest.decode(raw);
      } catch (RuntimeException e) {
        throw new StorageException(
            Kind.CORRUPT,
            path,
            "the snapshot import recorded in "
                + path
                + " is unreadable ("
                + e.getMessage()
                + "): move the database away and import again",
            e);
      }
    }
    ChunkedImport imports = new ChunkedImport(kv, m);
    if (m != null) {
      imports.deferIndexCompactions(true); // resumed
    }
    try (KvCursor c = kv.scan(ChainSchema.META, KeyRange.prefix(DONE_PREFIX))) {
      while (c.hasNext()) {
        byte[] key = c.next().key();
        imports.done.set(indexOfDoneKey(key));
      }
    }
    return imports;
  }

  Optional<SnapshotManifest> manifest() {
    return Optional.ofNullable(manifest);
  }

  boolean inProgress() {
    return manifest != null;
  }

  /** Records {@code m} as the import in progress; the caller checked the store is empty. */
  void begin(SnapshotManifest m) {
    try (KvBatch batch = kv.newBatch()) {
      kv.write(batch.put(ChainSchema.META, MANIFEST_KEY, m.encode()));
    }
    synchronized (this) {
      done.clear();
    }
    manifest = m;
    deferIndexCompactions(true);
  }

  /**
   * The address index arrives in random order across chunks: while it loads, its files are merged
   * in a few large passes instead of one every few files (the UTXOs, loaded as sorted runs, are not
   * merged at all).
   */
  private void deferIndexCompactions(boolean deferred) {
    kv.deferCompactions(ChainSchema.UTXOS_BY_ADDRESS, deferred);
  }

  synchronized BitSet done() {
    return (BitSet) done.clone();
  }

  synchronized boolean complete() {
    return manifest != null && done.cardinality() == manifest.chunks().size();
  }

  private synchronized boolean isDone(int index) {
    return done.get(index);
  }

  /**
   * Verifies chunk {@code index} against the manifest and writes its elements, then its marker.
   *
   * @return false when the chunk was already imported
   */
  boolean importChunk(int index, byte[] bytes) throws BadChunkException {
    SnapshotManifest m = manifest;
    if (m == null) {
      throw new IllegalStateException("no snapshot import in progress");
    }
    if (index < 0 || index >= m.chunks().size()) {
      throw new IllegalArgumentException(
          "chunk " + index + " is not in a manifest of " + m.chunks().size() + " chunks");
    }
    if (isDone(index)) {
      return false;
    }
    SnapshotChunk chunk = SnapshotChunk.verify(index, m.chunks().get(index), bytes);
    // A chunk's UTXOs are in key order and no other chunk's keys fall between them: stored as a
    // sorted run they skip the memtable and the compactions. The address index is not in that
    // order and goes through a batch.
    kv.ingestSorted(ChainSchema.UTXOS, utxoEntries(chunk));
    try (KvBatch batch = kv.newBatch()) {
      stage(batch, chunk);
      kv.writeUnlogged(batch);
    }
    boolean markNow;
    synchronized (this) {
      done.set(index);
      unmarked.set(index);
      markNow = unmarked.cardinality() >= MARK_EVERY;
    }
    if (markNow) {
      persistMarks();
    }
    return true;
  }

  /**
   * Flushes the chunks written since the last call, then writes their markers. A flush per chunk
   * would stall the bulk load; a crash loses at most {@link #MARK_EVERY} chunks of progress, which
   * are imported again.
   */
  void persistMarks() {
    synchronized (marking) {
      BitSet pending;
      synchronized (this) {
        pending = (BitSet) unmarked.clone();
      }
      if (pending.isEmpty()) {
        return;
      }
      kv.flush();
      try (KvBatch batch = kv.newBatch()) {
        pending.stream().forEach(i -> batch.put(ChainSchema.META, doneKey(i), new byte[0]));
        kv.write(batch);
      }
      synchronized (this) {
        unmarked.andNot(pending);
      }
    }
  }

  private static List<KvEntry> utxoEntries(SnapshotChunk chunk) {
    byte[] bytes = chunk.bytes();
    int n = chunk.utxoCount();
    List<KvEntry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int at = chunk.utxoOffset(i);
      entries.add(
          new KvEntry(ChainSchema.utxoKeyAt(bytes, at), ChainSchema.utxoValueAt(bytes, at)));
    }
    return entries;
  }

  private static void stage(KvBatch batch, SnapshotChunk chunk) {
    byte[] bytes = chunk.bytes();
    int n = chunk.utxoCount();
    for (int i = 0; i < n; i++) {
      batch.put(
          ChainSchema.UTXOS_BY_ADDRESS,
          ChainSchema.addressKeyAt(bytes, chunk.utxoOffset(i)),
          EMPTY);
    }
    for (MasternodeRecord r : chunk.records()) {
      batch.put(RegistryStore.RECORDS, r.operatorKey(), r);
      if (r.collateral() != null) {
        batch.put(RegistryStore.COLLATERALS, r.collateral(), r.operatorKey());
      }
    }
  }

  /**
   * Checks that the import can finish with {@code block}: every chunk is done, the block is the
   * manifest's and the certificate is for it (absent only at height 0).
   *
   * @return the manifest
   */
  SnapshotManifest checkFinish(Block block, CommitCertificate certificate) {
    SnapshotManifest m = manifest;
    if (m == null) {
      throw new IllegalStateException("no snapshot import in progress");
    }
    persistMarks(); // the tip must never be written before the state it covers is durable
    if (!complete()) {
      throw new IllegalStateException(
          "snapshot import has " + done().cardinality() + " of " + m.chunks().size() + " chunks");
    }
    if (block.height() != m.height()
        || !block.hash().equals(m.blockHash())
        || !block.header().stateRoot().equals(m.stateRoot())) {
      throw new IllegalArgumentException(
          "block " + block.height() + "/" + block.hash() + " is not the snapshot's block");
    }
    if (certificate == null
        ? block.height() != 0
        : certificate.height() != block.height() || !certificate.blockHash().equals(block.hash())) {
      throw new IllegalArgumentException("no certificate for the snapshot's block");
    }
    return m;
  }

  /** Adds to {@code batch} the deletion of the manifest and every marker (the import is over). */
  synchronized void stageClear(KvBatch batch) {
    batch.delete(ChainSchema.META, MANIFEST_KEY);
    done.stream().forEach(i -> batch.delete(ChainSchema.META, doneKey(i)));
  }

  /** After the batch of {@link #stageClear} was written. */
  void cleared() {
    synchronized (this) {
      done.clear();
      unmarked.clear();
      manifest = null;
    }
    // What gathered is merged in the background while blocks are applied, which it does not slow.
    deferIndexCompactions(false);
  }

  /**
   * Deletes everything imported. Markers go first and the manifest last, so a crash midway leaves
   * an import in progress with no chunk claimed done, which a new import or abort tidies.
   */
  void abort() {
    try (KvBatch batch = kv.newBatch()) {
      done().stream().forEach(i -> batch.delete(ChainSchema.META, doneKey(i)));
      kv.write(batch);
    }
    synchronized (this) {
      done.clear();
      unmarked.clear();
    }
    STATE_COLUMNS.forEach(this::deleteAll);
    try (KvBatch batch = kv.newBatch()) {
      kv.write(batch.delete(ChainSchema.META, MANIFEST_KEY));
    }
    manifest = null;
    deferIndexCompactions(false);
  }

  private void deleteAll(KvColumn column) {
    List<byte[]> keys = new ArrayList<>(DELETE_BATCH);
    try (KvCursor cursor = kv.scan(column, KeyRange.all())) {
      while (cursor.hasNext()) {
        KvEntry e = cursor.next();
        keys.add(e.key());
        if (keys.size() == DELETE_BATCH || !cursor.hasNext()) {
          try (KvBatch batch = kv.newBatch()) {
            keys.forEach(k -> batch.delete(column, k));
            kv.write(batch);
          }
          keys.clear();
        }
      }
    }
  }

  /** True when {@code column} holds any entry. */
  static boolean hasAny(KvStore kv, KvColumn column) {
    try (KvCursor cursor = kv.scan(column, KeyRange.all())) {
      return cursor.hasNext();
    }
  }

  private static byte[] doneKey(int index) {
    return new ByteWriter(DONE_PREFIX.length + 4)
        .raw(DONE_PREFIX)
        .raw(new byte[] {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8)})
        .u8(index & 0xFF)
        .toByteArray();
  }

  private static int indexOfDoneKey(byte[] key) {
    int i = DONE_PREFIX.length;
    return (key[i] & 0xFF) << 24
        | (key[i + 1] & 0xFF) << 16
        | (key[i + 2] & 0xFF) << 8
        | (key[i + 3] & 0xFF);
  }
}
