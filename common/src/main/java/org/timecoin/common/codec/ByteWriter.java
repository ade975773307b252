package org.timecoin.common.codec;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.timecoin.common.Hash32;

/** Growable little-endian writer for the canonical encoding (DESIGN.md §3). */
public final class ByteWriter {
  private byte[] buf;
  private int size;

  public ByteWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public ByteWriter() {
    this(64);
  }

  private void ensure(int extra) {
    int need = size + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  public ByteWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public ByteWriter u16(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    return this;
  }

  public ByteWriter u32(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public ByteWriter i32(int v) {
    return u32(v & 0xFFFFFFFFL);
  }

  public ByteWriter u64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public ByteWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  /** Raw bytes with no length prefix: only for fixed-size fields. */
  public ByteWriter raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  public ByteWriter hash(Hash32 h) {
    ensure(Hash32.SIZE);
    h.copyTo(buf, size);
    size += Hash32.SIZE;
    return this;
  }

  /** u32 length followed by the bytes. */
  public ByteWriter bytes(byte[] bytes) {
    u32(bytes.length);
    return raw(bytes);
  }

  /** u32 count followed by each element. */
  public <T> ByteWriter list(List<T> items, BiConsumer<ByteWriter, T> element) {
    u32(items.size());
    for (T item : items) {
      element.accept(this, item);
    }
    return this;
  }

  public int size() {
    return size;
  }

  /**
   * The bytes written so far. A writer sized exactly (the encoded size known beforehand) hands over
   * its buffer without a copy: a full buffer is never written again, as the next write grows it.
   * Two calls on a full writer therefore return the same array.
   */
  public byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }
}
