package org.timecoin.storage;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.BlockDelta;
import org.timecoin.domain.validation.StateRootCheck;
import org.timecoin.storage.StorageException.Kind;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.commit.ParallelLtHasher;
import org.timecoin.storage.commit.StateElements;
import org.timecoin.storage.kv.EngineStats;
import org.timecoin.storage.kv.KeyCodecs;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvSnapshot;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.RocksKvStore;
import org.timecoin.storage.snapshot.BadChunkException;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.storage.snapshot.SnapshotSource;

/**
 * The chain database: finalized blocks ({@link #blocks()}), the UTXO set ({@link #utxos()}), the
 * tip and the UTXO-set commitment (LtHash16, see {@link LtHash16}).
 *
 * <p>Each finalized block is written as ONE atomic batch holding the block, its certificate, the
 * hash and tx indexes, the UTXO puts and deletes, the masternode registry changes and the epoch
 * sets the block fixes ({@link #registry()}), the new tip and the new commitment. After a crash
 * (kill -9, power loss with sync writes) the store reopens at a block that was applied entirely.
 *
 * <p>Threading: one writer. {@link #applyBlock} must be called by a single thread (the node's block
 * applier) in height order; concurrent calls are serialized, and a block that is not the successor
 * of the tip is refused. Reads may run on any thread but a network event loop: nothing here may be
 * called from a Netty thread, since reads may block on disk.
 */
public final class ChainStore implements StateRootCheck, AutoCloseable {
  /** How many prepared updates are kept for reuse by applyBlock (a few competing proposals). */
  private static final int PREPARED_KEPT = 4;

  private final KvStore kv;
  private final Path path;
  private final Hash32 chainId;
  private final ExecutorService readPool;
  private final ExecutorService hashPool;
  private final ParallelLtHasher hasher;
  private final UtxoStore utxos;
  private final BlockStore blocks;
  private final RegistryStore registry;
  private final ChunkedImport imports;

  // Written only by the writer under "this"; volatile so readers see a consistent tip.
  private volatile ChainTip tip;
  private volatile Hash32 stateRoot;
  private LtHash16 commitment;
  private final Deque<StateUpdate> prepared = new ArrayDeque<>();

  private ChainStore(
      KvStore kv,
      Path path,
      Hash32 chainId,
      StorageConfig config,
      ExecutorService readPool,
      ExecutorService hashPool,
      ChainTip tip,
      LtHash16 commitment,
      ChunkedImport imports) {
    this.kv = kv;
    this.path = path;
    this.chainId = chainId;
    this.readPool = readPool;
    this.hashPool = hashPool;
    this.hasher = new ParallelLtHasher(hashPool, config.hashThreads());
    this.blocks = new BlockStore(kv);
    this.utxos = new UtxoStore(kv, blocks, readPool, config.utxoCacheBytes());
    this.registry = new RegistryStore(kv, path);
    this.imports = imports;
    this.tip = tip;
    this.commitment = commitment;
    this.stateRoot = commitment.digest();
  }

  /** Opens the RocksDB database of {@code config.path()} for the chain {@code chainId}. */
  public static ChainStore open(StorageConfig config, Hash32 chainId) {
    KvStore kv =
        RocksKvStore.open(config.path(), config.rocks(), ChainSchema.COLUMNS, config.mode());
    try {
      return open(kv, config, chainId);
    } catch (RuntimeException e) {
      kv.close();
      throw e;
    }
  }

  /**
   * Opens the chain store over {@code kv}, which must have the columns of {@link
   * ChainSchema#COLUMNS}; the store takes ownership of {@code kv} and closes it.
   *
   * @throws StorageException FOREIGN when the data belongs to another chain or schema, CORRUPT when
   *     the tip and the commitment disagree
   */
  public static ChainStore open(KvStore kv, StorageConfig config, Hash32 chainId) {
    Path path = kv.location().orElse(config.path());
    SchemaMarker.checkOrWrite(kv, path, chainId);
    ChainTip tip =
        kv.get(ChainSchema.META, ChainSchema.TIP_KEY) instanceof byte[] t
            ? decode(path, "tip", () -> ChainTip.CODEC.decode(t))
            : null;
    byte[] lanes = kv.get(ChainSchema.META, ChainSchema.COMMITMENT_KEY);
    LtHash16 commitment =
        lanes == null
            ? LtHash16.empty()
            : decode(path, "commitment", () -> LtHash16.fromBytes(lanes));
    ChunkedImport imports = ChunkedImport.load(kv, path);
    if (tip == null && !imports.inProgress() && ChunkedImport.hasAny(kv, ChainSchema.UTXOS)) {
      throw new StorageException(
          Kind.CORRUPT,
          path,
          "database at "
              + path
              + " holds UTXOs but no tip and no snapshot import: move it away and resync");
    }
    long base =
        kv.get(ChainSchema.META, ChainSchema.BASE_HEIGHT_KEY) instanceof byte[] b
            ? decode(path, "base height", () -> KeyCodecs.HEIGHT.decode(b))
            : 0;
    Hash32 root = commitment.digest();
    if (tip == null ? !commitment.isEmpty() : !tip.stateRoot().equals(root)) {
      throw new StorageException(
          Kind.CORRUPT,
          path,
          "database at "
              + path
              + " is inconsistent: its tip and its UTXO commitment disagree; restore it from a"
              + " backup, or move it away and resync from peers");
    }
    ExecutorService reads =
        Executors.newFixedThreadPool(
            config.readThreads(), Thread.ofPlatform().name("storage-read-", 0).daemon().factory());
    ExecutorService hashing =
        Executors.newFixedThreadPool(
            config.hashThreads(), Thread.ofPlatform().name("storage-hash-", 0).daemon().factory());
    ChainStore store =
        new ChainStore(kv, path, chainId, config, reads, hashing, tip, commitment, imports);
    store.blocks.setBaseHeight(base);
    return store;
  }

  private static <T> T decode(Path path, String what, Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (RuntimeException e) {
      throw new StorageException(
          Kind.CORRUPT,
          path,
          "the stored "
              + what
              + " in "
              + path
              + " is unreadable ("
              + e.getMessage()
              + "): restore the database from a backup, or move it away and resync from peers",
          e);
    }
  }

  public UtxoStore utxos() {
    return utxos;
  }

  public BlockStore blocks() {
    return blocks;
  }

  /** The masternode registry and the epoch validator sets, as of the tip. */
  public RegistryStore registry() {
    return registry;
  }

  /** The last applied block, or empty before genesis. */
  public Optional<ChainTip> tip() {
    return Optional.ofNullable(tip);
  }

  /** The commitment of the current UTXO set (of the empty set before genesis). */
  public Hash32 stateRoot() {
    return stateRoot;
  }

  /**
   * Computes the state root that applying these UTXO changes on top of the current tip would give,
   * with no registry change; see {@link #prepare(List, List, RegistryStore.Changes)}.
   */
  public StateUpdate prepare(List<Utxo> adds, List<Utxo> removes) {
    return prepare(adds, removes, RegistryStore.Changes.NONE);
  }

  /**
   * Computes the state root that applying these changes on top of the current tip would give,
   * without writing: the UTXOs created and spent, and the registry records written and deleted.
   * Runs on the caller's thread and the hash pool. The same changes prepared again on the same tip
   * (a block validated twice, or validated then applied) reuse the kept update instead of hashing
   * again.
   */
  public StateUpdate prepare(
      List<Utxo> adds, List<Utxo> removes, RegistryStore.Changes registryChanges) {
    LtHash16 base;
    Hash32 baseRoot;
    synchronized (this) {
      StateUpdate kept = keptFor(stateRoot, adds, removes, registryChanges);
      if (kept != null) {
        return kept;
      }
      // The registry is small and read as of this tip: its part is hashed here, under the lock.
      base = commitment.copy().add(registry.commitmentDelta(registryChanges));
      baseRoot = stateRoot;
    }
    LtHash16 delta = hasher.delta(adds, removes, StateElements::utxo);
    StateUpdate update = new StateUpdate(baseRoot, base.add(delta), adds, removes, registryChanges);
    synchronized (this) {
      if (prepared.size() == PREPARED_KEPT) {
        prepared.removeFirst();
      }
      prepared.addLast(update);
    }
    return update;
  }

  /**
   * Forgets the kept updates, so the next {@link #prepare} of any changes hashes them again: for
   * measuring the validation of a block as a node that did not build it would.
   */
  public synchronized void discardPrepared() {
    prepared.clear();
  }

  /**
   * The domain's state-root port: the root after {@code delta} on top of the current tip. The
   * update is kept, so applying the same block afterwards does not hash its changes again.
   * Thread-safe.
   */
  @Override
  public Hash32 stateRootAfter(BlockDelta delta) {
    return prepare(delta.created(), delta.spent()).stateRoot();
  }

  /**
   * Applies a block whose changes the validator computed ({@link BlockDelta}), without registry
   * changes (see {@link #applyBlock(Block, CommitCertificate, StateUpdate,
   * RegistryStore.Changes)}).
   */
  public ChainTip applyBlock(Block block, CommitCertificate certificate, BlockDelta delta) {
    return applyBlock(
        block, certificate, delta.created(), delta.spent(), RegistryStore.Changes.NONE);
  }

  /**
   * As {@link #applyBlock(Block, CommitCertificate, List, List, RegistryStore.Changes)}, no
   * registry changes.
   */
  public ChainTip applyBlock(
      Block block, CommitCertificate certificate, List<Utxo> adds, List<Utxo> removes) {
    return applyBlock(block, certificate, adds, removes, RegistryStore.Changes.NONE);
  }

  /**
   * As {@link #applyBlock(Block, CommitCertificate, StateUpdate, RegistryStore.Changes)}, no
   * registry changes.
   */
  public ChainTip applyBlock(Block block, CommitCertificate certificate, StateUpdate update) {
    return applyBlock(block, certificate, update, RegistryStore.Changes.NONE);
  }

  /** A kept update for exactly these changes on the current state, if any. */
  private StateUpdate preparedFor(
      Block block, List<Utxo> adds, List<Utxo> removes, RegistryStore.Changes registryChanges) {
    StateUpdate u = keptFor(stateRoot, adds, removes, registryChanges);
    return u != null && u.stateRoot().equals(block.header().stateRoot()) ? u : null;
  }

  /** A kept update for exactly these changes on the state {@code baseRoot}; caller holds "this". */
  private StateUpdate keptFor(
      Hash32 baseRoot, List<Utxo> adds, List<Utxo> removes, RegistryStore.Changes registryChanges) {
    for (StateUpdate u : prepared) {
      if (u.baseRoot().equals(baseRoot)
          && u.registry().equals(registryChanges)
          && u.adds().size() == adds.size()
          && u.removes().size() == removes.size()
          && u.adds().equals(adds)
          && u.removes().equals(removes)) {
        return u;
      }
    }
    return null;
  }

  /**
   * Applies a finalized block in one atomic batch: {@code adds} are the outputs it creates, {@code
   * removes} the outputs it spends (with their contents, which the commitment needs), {@code
   * registry} its changes to the masternode registry (written in the same batch).
   *
   * @param certificate the commit certificate; null only for the genesis block (height 0)
   * @return the new tip
   * @throws IllegalArgumentException when the block does not follow the tip, the certificate is not
   *     for it, or its header's state root is not the commitment these changes give
   * @throws StorageException when the write fails; the store is then unchanged
   */
  public synchronized ChainTip applyBlock(
      Block block,
      CommitCertificate certificate,
      List<Utxo> adds,
      List<Utxo> removes,
      RegistryStore.Changes registryChanges) {
    StateUpdate ready = preparedFor(block, adds, removes, registryChanges);
    if (ready != null) {
      return applyBlock(block, certificate, ready, registryChanges);
    }
    checkSuccessor(block, certificate);
    CompletableFuture<LtHash16> delta = hasher.deltaAsync(adds, removes, StateElements::utxo);
    try (KvBatch batch = kv.newBatch()) {
      blocks.stage(batch, block, certificate);
      utxos.stage(batch, adds, removes);
      LtHash16 after =
          commitment
              .copy()
              .add(registry.commitmentDelta(registryChanges))
              .add(ParallelLtHasher.join(delta));
      return commit(batch, block, after, adds, removes, registryChanges);
    }
  }

  /**
   * Applies a block whose changes were hashed ahead by {@link #prepare}, with its registry changes.
   */
  public synchronized ChainTip applyBlock(
      Block block,
      CommitCertificate certificate,
      StateUpdate update,
      RegistryStore.Changes registry) {
    if (!update.baseRoot().equals(stateRoot) || !update.registry().equals(registry)) {
      // Prepared on another state (a block was applied since), or for other registry changes.
      return applyBlock(block, certificate, update.adds(), update.removes(), registry);
    }
    checkSuccessor(block, certificate);
    try (KvBatch batch = kv.newBatch()) {
      blocks.stage(batch, block, certificate);
      utxos.stage(batch, update.adds(), update.removes());
      return commit(
          batch, block, update.commitmentAfter(), update.adds(), update.removes(), registry);
    }
  }

  private void checkSuccessor(Block block, CommitCertificate certificate) {
    if (imports.inProgress()) {
      throw new IllegalStateException(
          "a snapshot import is in progress in " + path + ": finish or abort it first");
    }
    ChainTip current = tip;
    long expected = current == null ? 0 : current.height() + 1;
    if (block.height() != expected) {
      throw new IllegalArgumentException(
          "block at height " + block.height() + " does not follow the tip: expected " + expected);
    }
    if (current != null && !block.header().prevHash().equals(current.blockHash())) {
      throw new IllegalArgumentException(
          "block " + block.height() + " does not extend the tip " + current.blockHash());
    }
    if (certificate == null) {
      if (block.height() != 0) {
        throw new IllegalArgumentException("block " + block.height() + " needs a certificate");
      }
    } else if (certificate.height() != block.height()
        || !certificate.blockHash().equals(block.hash())) {
      throw new IllegalArgumentException(
          "certificate for "
              + certificate.height()
              + "/"
              + certificate.blockHash()
              + " is not for block "
              + block.height()
              + "/"
              + block.hash());
    }
  }

  private ChainTip commit(
      KvBatch batch,
      Block block,
      LtHash16 after,
      List<Utxo> adds,
      List<Utxo> removes,
      RegistryStore.Changes registryChanges) {
    Hash32 root = after.digest();
    if (!block.header().stateRoot().equals(root)) {
      throw new IllegalArgumentException(
          "block "
              + block.height()
              + " declares state root "
              + block.header().stateRoot()
              + " but its UTXO and registry changes give "
              + root);
    }
    ChainTip next = new ChainTip(block.height(), block.hash(), root);
    batch.put(ChainSchema.META, ChainSchema.TIP_KEY, ChainTip.CODEC.encode(next));
    batch.put(ChainSchema.META, ChainSchema.COMMITMENT_KEY, after.toBytes());
    registry.stage(batch, registryChanges);
    boolean written = false;
    utxos.beginCommit();
    try {
      kv.write(batch);
      written = true;
    } finally {
      utxos.endCommit(adds, removes, written);
    }
    registry.committed(registryChanges);
    commitment = after;
    stateRoot = root;
    tip = next;
    prepared.clear(); // all were computed on an older state
    return next;
  }

  /**
   * Recomputes the commitment from every stored UTXO (a full scan, O(1) memory) and every registry
   * record, so it can be compared with {@link #stateRoot()}: for audits, snapshot checks and the
   * crash test.
   */
  public Hash32 recomputeStateRoot() {
    return StateScan.sum(kv, hasher).digest();
  }

  /**
   * Pins a consistent view of the state at the current tip, for a snapshot written later on another
   * thread ({@link org.timecoin.storage.snapshot.SnapshotKeeper}). Cheap: call it on the writer
   * right after a block is applied; close the source once written.
   *
   * @throws IllegalStateException when the store has no block yet
   */
  public SnapshotSource snapshotSource() {
    KvSnapshot view = kv.snapshot();
    byte[] rawTip = view.get(ChainSchema.META, ChainSchema.TIP_KEY);
    if (rawTip == null) {
      view.close();
      throw new IllegalStateException("nothing to snapshot: the store has no blocks");
    }
    return new ViewSnapshotSource(view, ChainTip.CODEC.decode(rawTip));
  }

  /**
   * The lowest height whose block this store holds: 0, or the height of the snapshot it was started
   * from ({@link #finishChunkedImport}).
   */
  public long baseHeight() {
    return blocks.baseHeight();
  }

  /**
   * Starts importing the snapshot {@code manifest} into this store, which must be empty; the
   * manifest is recorded, so the import resumes after a restart. Beginning the import already in
   * progress again does nothing. The caller checks that the manifest's state root is the one a
   * certified header declares; here only its chunks are checked to add up to it.
   *
   * @throws IllegalStateException when the store holds anything, or another import is in progress
   * @throws IllegalArgumentException when the manifest's chunks do not add up to its state root
   */
  public synchronized void beginChunkedImport(SnapshotManifest manifest) {
    Optional<SnapshotManifest> current = imports.manifest();
    if (current.isPresent()) {
      if (current.get().id().equals(manifest.id())) {
        return;
      }
      throw new IllegalStateException(
          "the import of snapshot " + current.get().id() + " is in progress in " + path);
    }
    if (tip != null
        || ChunkedImport.STATE_COLUMNS.stream().anyMatch(c -> ChunkedImport.hasAny(kv, c))) {
      throw new IllegalStateException("snapshot import needs an empty store, " + path + " is not");
    }
    manifest.checkAgainst(manifest.stateRoot());
    imports.begin(manifest);
  }

  /** The manifest being imported, if an import was begun and not finished or aborted. */
  public Optional<SnapshotManifest> chunkedImportInProgress() {
    return imports.manifest();
  }

  /**
   * Checks chunk {@code index} of the import in progress against its manifest entry and stores its
   * UTXOs or registry records. May run on several threads at once for different chunks, not while
   * the import is begun, finished or aborted.
   *
   * @return false when that chunk was imported before
   * @throws BadChunkException when the chunk does not match its entry (nothing is written)
   * @throws IllegalStateException when no import is in progress
   */
  public boolean importChunk(int index, byte[] bytes) throws BadChunkException {
    return imports.importChunk(index, bytes);
  }

  /** The chunks of the import in progress imported so far. */
  public BitSet importedChunks() {
    return imports.done();
  }

  /**
   * Completes the import: {@code block} must be the manifest's block, and the state imported must
   * hash to its state root (recomputed from what was stored). Writes the block, its certificate,
   * the validator sets of {@code epochSets}, the tip and the commitment in one batch; the store
   * then holds blocks from this height on ({@link #baseHeight()}) and applies the next block as
   * usual.
   *
   * @throws IllegalStateException when no import is in progress or a chunk is missing
   * @throws IllegalArgumentException when the block, its certificate or the imported state is not
   *     the manifest's
   */
  public synchronized ChainTip finishChunkedImport(
      Block block, CommitCertificate certificate, Map<Long, ValidatorSet> epochSets) {
    SnapshotManifest m = imports.checkFinish(block, certificate);
    // Every chunk was checked against its manifest entry's lattice as it was stored, and the
    // entries add up to the root (checked at begin): their sum is the imported state's commitment,
    // with no second pass over millions of elements. Chunk data is flushed before its marker, so
    // what a marker names is on disk.
    LtHash16 imported = LtHash16.empty();
    m.chunks().forEach(c -> imported.add(c.lattice()));
    if (!imported.digest().equals(m.stateRoot())) {
      throw new IllegalArgumentException(
          "the imported chunks add up to " + imported.digest() + ", not to " + m.stateRoot());
    }
    ChainTip next = new ChainTip(block.height(), block.hash(), m.stateRoot());
    RegistryStore.Changes sets = new RegistryStore.Changes(List.of(), List.of(), epochSets);
    try (KvBatch batch = kv.newBatch()) {
      blocks.stage(batch, block, certificate);
      registry.stage(batch, sets);
      batch.put(ChainSchema.META, ChainSchema.TIP_KEY, ChainTip.CODEC.encode(next));
      batch.put(ChainSchema.META, ChainSchema.COMMITMENT_KEY, imported.toBytes());
      batch.put(ChainSchema.META, ChainSchema.BASE_HEIGHT_KEY, KeyCodecs.height(next.height()));
      imports.stageClear(batch);
      kv.write(batch);
    }
    imports.cleared();
    registry.reload();
    utxos.invalidateAll();
    blocks.setBaseHeight(next.height());
    commitment = imported;
    stateRoot = next.stateRoot();
    tip = next;
    prepared.clear();
    return next;
  }

  /** Deletes everything the import in progress wrote and forgets it; does nothing without one. */
  public synchronized void abortChunkedImport() {
    if (!imports.inProgress()) {
      return;
    }
    imports.abort();
    utxos.invalidateAll();
    registry.reload();
  }

  /** The database directory (or the configured path of an in-memory store). */
  /** The storage engine's health figures; empty in memory. */
  public Optional<EngineStats> engineStats() {
    return kv.engineStats();
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void close() {
    try {
      if (imports.inProgress()) {
        imports.persistMarks(); // a clean stop keeps every chunk imported
      }
    } finally {
      readPool.shutdown();
      hashPool.shutdown();
      try {
        readPool.awaitTermination(10, TimeUnit.SECONDS);
        hashPool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      kv.close();
    }
  }
}
