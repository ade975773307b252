package org.timecoin.storage.kv;

/** One key/value pair returned by a scan. The arrays belong to the caller. */
public record KvEntry(byte[] key, byte[] value) {}
