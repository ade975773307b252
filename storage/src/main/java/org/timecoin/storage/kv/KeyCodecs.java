package org.timecoin.storage.kv;

import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;

/**
 * Codecs for keys. Heights are big-endian so that byte order equals numeric order and range scans
 * walk blocks by height; the canonical (little-endian) codec would not.
 */
public final class KeyCodecs {
  private KeyCodecs() {}

  /** A non-negative long, 8 bytes big-endian. */
  public static final Codec<Long> HEIGHT =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Long value) {
          if (value < 0) {
            throw new IllegalArgumentException("height must be non-negative: " + value);
          }
          for (int shift = 56; shift >= 0; shift -= 8) {
            out.u8((int) (value >>> shift) & 0xFF);
          }
        }

        @Override
        public Long read(ByteReader in) {
          long v = 0;
          for (int i = 0; i < 8; i++) {
            v = (v << 8) | in.u8();
          }
          return v;
        }
      };

  public static final Codec<Hash32> HASH =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Hash32 value) {
          out.hash(value);
        }

        @Override
        public Hash32 read(ByteReader in) {
          return in.hash();
        }
      };

  /** Raw bytes with no length prefix: the whole key or value. */
  public static final Codec<byte[]> RAW =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, byte[] value) {
          out.raw(value);
        }

        @Override
        public byte[] read(ByteReader in) {
          return in.raw(in.remaining());
        }
      };

  /** Encodes a height as a big-endian 8-byte key. */
  public static byte[] height(long height) {
    return HEIGHT.encode(height);
  }
}
