/**
 * The chain database: {@link org.timecoin.storage.ChainStore} (atomic block apply, tip, UTXO-set
 * commitment), {@link org.timecoin.storage.UtxoStore} and {@link org.timecoin.storage.BlockStore}
 * over the {@link org.timecoin.storage.kv.KvStore} port (RocksDB in production, memory in tests).
 *
 * <p>Threading rules:
 *
 * <ul>
 *   <li>Nothing in this package may be called from a network (Netty event loop) thread: every call
 *       may block on disk or on a JNI call. Network code hands work to a queue.
 *   <li>One writer: only the node's block applier calls {@code ChainStore.applyBlock}, in height
 *       order.
 *   <li>UTXO reads that miss the cache run on the storage executor and return futures; streams are
 *       consumed on worker threads and must be closed.
 * </ul>
 *
 * <p>Failures that need an operator (missing, foreign or corrupt database, full disk) are {@link
 * org.timecoin.storage.StorageException}s naming the path and the remedy.
 */
package org.timecoin.storage;
