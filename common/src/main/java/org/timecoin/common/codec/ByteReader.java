package org.timecoin.common.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.timecoin.common.Hash32;

/**
 * Bounds-checked little-endian reader. Every length is checked against the remaining input before
 * any allocation, so a hostile length prefix cannot make us allocate more than the input size.
 */
public final class ByteReader {
  private final byte[] buf;
  private final int end;
  private int pos;

  public ByteReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public ByteReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  private void need(int n, String what) {
    if (n < 0 || end - pos < n) {
      throw new CodecException(
          "truncated input reading " + what + ": need " + n + " bytes, have " + (end - pos));
    }
  }

  public int u8() {
    need(1, "u8");
    return buf[pos++] & 0xFF;
  }

  public int u16() {
    need(2, "u16");
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  public long u32() {
    need(4, "u32");
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) (buf[pos + i] & 0xFF) << (8 * i);
    }
    pos += 4;
    return v;
  }

  public int i32() {
    return (int) u32();
  }

  public long u64() {
    need(8, "u64");
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (buf[pos + i] & 0xFF) << (8 * i);
    }
    pos += 8;
    return v;
  }

  public boolean bool() {
    int b = u8();
    if (b > 1) {
      throw new CodecException("boolean must be 0 or 1, got " + b);
    }
    return b == 1;
  }

  public byte[] raw(int n) {
    need(n, "fixed bytes");
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  public Hash32 hash() {
    return Hash32.wrap(raw(Hash32.SIZE));
  }

  /** u32-length-prefixed bytes, at most {@code maxLength} long. */
  public byte[] bytes(int maxLength) {
    long len = u32();
    if (len > maxLength) {
      throw new CodecException("byte field of " + len + " bytes exceeds limit " + maxLength);
    }
    return raw((int) len);
  }

  /** u32-count-prefixed list of at most {@code maxCount} elements. */
  public <T> List<T> list(int maxCount, Function<ByteReader, T> element) {
    long count = u32();
    if (count > maxCount) {
      throw new CodecException("list of " + count + " elements exceeds limit " + maxCount);
    }
    // Each element takes at least one byte, so a count beyond the input is truncation.
    if (count > remaining()) {
      throw new CodecException(
          "list of " + count + " elements cannot fit in " + remaining() + " bytes");
    }
    List<T> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      out.add(element.apply(this));
    }
    return List.copyOf(out);
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public void expectEnd() {
    if (pos != end) {
      throw new CodecException((end - pos) + " trailing bytes after value");
    }
  }
}
