package org.timecoin.common.codec;

/** The canonical binary encoding of one type. Decoding rejects every non-canonical input. */
public interface Codec<T> {
  void write(ByteWriter out, T value);

  T read(ByteReader in);

  /**
   * The bytes {@link #encode} reserves before writing {@code value}: a codec that knows its values'
   * exact size says so here, and a large value is written into one buffer that is never regrown and
   * handed over without a copy.
   */
  default int sizeHint(T value) {
    return 64;
  }

  default byte[] encode(T value) {
    ByteWriter out = new ByteWriter(sizeHint(value));
    write(out, value);
    return out.toByteArray();
  }

  /** Decodes exactly one value; trailing bytes are an error. */
  default T decode(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    T value = read(in);
    in.expectEnd();
    return value;
  }
}
