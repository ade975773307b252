package org.timecoin.storage.snapshot;

/**
 * Protocol constants of chunked snapshots. Every honest node cuts the same state into the same
 * chunks, so these must never change without a new {@link #VERSION}.
 */
public final class SnapshotFormat {
  private SnapshotFormat() {}

  /** Leads every encoded manifest; another version is refused. */
  public static final int VERSION = 1;

  /** A chunk closes after this many elements (UTXOs or records). */
  public static final int UTXOS_PER_CHUNK = 50_000;

  /** A chunk closes earlier if one more element would make it longer than this. */
  public static final int MAX_CHUNK_BYTES = 4 << 20;

  /** At most this many chunks in a manifest. */
  public static final int MAX_CHUNKS = 4_096;

  /** An encoded manifest is never longer than this. */
  public static final int MAX_MANIFEST_BYTES = 8 << 20;

  /** Bytes before the elements of a chunk: u8 kind, u32 element count. */
  public static final int CHUNK_HEADER_BYTES = 5;
}
