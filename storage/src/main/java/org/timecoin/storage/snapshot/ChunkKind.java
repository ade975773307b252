package org.timecoin.storage.snapshot;

import org.timecoin.common.codec.CodecException;

/** What a snapshot chunk holds; the code is its first byte and its tag in the manifest. */
public enum ChunkKind {
  UTXOS(0),
  RECORDS(1);

  private final int code;

  ChunkKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ChunkKind ofCode(int code) {
    for (ChunkKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    throw new CodecException("unknown chunk kind " + code);
  }
}
