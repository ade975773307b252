package org.timecoin.common.codec;

/** The canonical binary encoding of one type. Decoding rejects every non-canonical input. */
public interface Codec<T> {
  void write(ByteWriter out, T value);

  T read(ByteReader in);

  default byte[] encode(T value) {
    ByteWriter out = new ByteWriter(64);
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
