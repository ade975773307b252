/**
 * Chunked state snapshots: the state at a certified block (every UTXO, then every masternode
 * record) cut into chunks by fixed rules ({@link org.timecoin.storage.snapshot.SnapshotFormat}),
 * and a {@link org.timecoin.storage.snapshot.SnapshotManifest} listing each chunk's length, SHA-256
 * and LtHash16 sum. The sums add up to the header's stateRoot, so a node fetching chunks from
 * several peers checks each one on arrival ({@link
 * org.timecoin.storage.snapshot.SnapshotChunk#verify}) and blames the peer that served a bad one.
 *
 * <p>A node serving snapshots keeps the newest few on disk ({@link
 * org.timecoin.storage.snapshot.SnapshotKeeper}); a node starting from one imports the chunks into
 * an empty {@code ChainStore} ({@code beginChunkedImport}, {@code importChunk}, {@code
 * finishChunkedImport}), resuming after a restart with the chunks already done.
 */
package org.timecoin.storage.snapshot;
