package org.timecoin.storage.kv;

/**
 * A consistent read-only view of a store at one moment: later writes are invisible. It pins old
 * data on disk while open, so close it as soon as the reads are done.
 */
public interface KvSnapshot extends KvReader, AutoCloseable {
  @Override
  void close();
}
