package org.timecoin.storage;

import java.nio.file.Path;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.CodecException;
import org.timecoin.storage.StorageException.Kind;
import org.timecoin.storage.kv.KeyRange;
import org.timecoin.storage.kv.KvBatch;
import org.timecoin.storage.kv.KvColumn;
import org.timecoin.storage.kv.KvCursor;
import org.timecoin.storage.kv.KvStore;

/**
 * The marker that says whose database this is: schema version and chain id. Written into an empty
 * database on first open; checked on every later open so that another chain's data, or a layout
 * this code does not read, is refused instead of being silently mixed in.
 */
final class SchemaMarker {
  private SchemaMarker() {}

  static byte[] encode(int schemaVersion, Hash32 chainId) {
    return new ByteWriter(36).i32(schemaVersion).hash(chainId).toByteArray();
  }

  static void checkOrWrite(KvStore kv, Path path, Hash32 chainId) {
    byte[] raw = kv.get(ChainSchema.META, ChainSchema.MARKER_KEY);
    if (raw == null) {
      if (!isEmpty(kv)) {
        throw new StorageException(
            Kind.FOREIGN,
            path,
            "database at "
                + path
                + " holds data but no chain marker, so it was not written by this node: point"
                + " [storage] path at this node's data directory or at an empty one");
      }
      try (KvBatch batch = kv.newBatch()) {
        batch.put(
            ChainSchema.META, ChainSchema.MARKER_KEY, encode(ChainSchema.SCHEMA_VERSION, chainId));
        kv.write(batch);
      }
      return;
    }
    int version;
    Hash32 storedChain;
    try {
      ByteReader in = new ByteReader(raw);
      version = in.i32();
      storedChain = in.hash();
      in.expectEnd();
    } catch (CodecException e) {
      throw new StorageException(
          Kind.CORRUPT,
          path,
          "chain marker of the database at "
              + path
              + " is unreadable ("
              + e.getMessage()
              + "): restore it from a backup, or move it away and resync from peers",
          e);
    }
    if (version != ChainSchema.SCHEMA_VERSION) {
      throw new StorageException(
          Kind.FOREIGN,
          path,
          "database at "
              + path
              + " has storage schema "
              + version
              + " but this node reads schema "
              + ChainSchema.SCHEMA_VERSION
              + ": run the node version that wrote it, or move it away and resync from peers");
    }
    if (!storedChain.equals(chainId)) {
      throw new StorageException(
          Kind.FOREIGN,
          path,
          "database at "
              + path
              + " belongs to chain "
              + storedChain.toHex()
              + " but the genesis in use is chain "
              + chainId.toHex()
              + ": point [storage] path at this chain's data directory, or use the matching genesis");
    }
  }

  private static boolean isEmpty(KvStore kv) {
    for (KvColumn column : ChainSchema.COLUMNS) {
      try (KvCursor c = kv.scan(column, KeyRange.all())) {
        if (c.hasNext()) {
          return false;
        }
      }
    }
    return true;
  }
}
