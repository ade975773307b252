package org.timecoin.consensus.runtime.wal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * One WAL record on disk: {@code u32 length ‖ u32 crc32c ‖ payload}, little-endian like the rest of
 * the canonical encoding. The checksum covers the four length bytes and the payload, so a flipped
 * bit in the length field is caught as well as one in the payload.
 */
final class WalRecordFormat {
  static final int HEADER_SIZE = 8;

  /** Larger than any proposal (a block at the maximum block size plus its envelope). */
  static final int MAX_PAYLOAD = 128 * 1024 * 1024;

  private WalRecordFormat() {}

  static ByteBuffer frame(byte[] payload) {
    if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("WAL payload of " + payload.length + " bytes");
    }
    ByteBuffer buf =
        ByteBuffer.allocate(HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(payload.length);
    buf.putInt((int) checksum(buf.array(), 0, payload, 0, payload.length));
    buf.put(payload);
    return buf.flip();
  }

  /**
   * Length of the payload of a valid record starting at {@code pos}, or -1 when the bytes there are
   * not a complete record with a matching checksum.
   */
  static int validPayloadLengthAt(byte[] data, int pos, int end) {
    if (end - pos < HEADER_SIZE) {
      return -1;
    }
    long length = readU32(data, pos);
    if (length == 0 || length > MAX_PAYLOAD || length > end - pos - HEADER_SIZE) {
      return -1;
    }
    long stored = readU32(data, pos + 4);
    long actual = checksum(data, pos, data, pos + HEADER_SIZE, (int) length);
    return stored == actual ? (int) length : -1;
  }

  private static long checksum(
      byte[] lengthSrc, int lengthOffset, byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(lengthSrc, lengthOffset, 4);
    crc.update(payload, offset, length);
    return crc.getValue();
  }

  private static long readU32(byte[] data, int pos) {
    return ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
  }
}
