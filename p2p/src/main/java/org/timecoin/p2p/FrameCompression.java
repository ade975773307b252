package org.timecoin.p2p;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 block compression of frame payloads. A compressed payload is {@code u32 LE uncompressed
 * length ‖ LZ4 block}, marked by {@link Frame#FLAG_LZ4}. Signed transactions and votes barely
 * compress (signatures and hashes are random bytes), so a frame is sent compressed only when it is
 * large enough to be worth the work and the result is actually smaller.
 *
 * <p>Decompression uses the safe decompressor, which never reads or writes outside its buffers
 * whatever the input, and the declared length is checked before anything is allocated.
 */
final class FrameCompression {
  /**
   * Payloads below this stay plain: the small frames (votes, pings, single transactions) are mostly
   * hashes and signatures, where LZ4 finds nothing to shorten and the 4-byte length prefix would
   * make them longer.
   */
  static final int THRESHOLD = 256;

  /** The u32 uncompressed length in front of the LZ4 block. */
  static final int LENGTH_PREFIX = 4;

  /**
   * LZ4 writes at most 255 output bytes per input byte (a match length is extended by one byte per
   * 255), so a payload that declares more than this many times its own size cannot be honest and is
   * refused before its buffer is allocated.
   */
  static final int MAX_RATIO = 256;

  private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

  private FrameCompression() {}

  /**
   * The frame compressed, or {@code frame} itself when it is below {@link #THRESHOLD}, already
   * compressed, or would not get smaller. Safe from any thread.
   */
  static Frame compress(Frame frame) {
    byte[] plain = frame.payload();
    if (plain.length < THRESHOLD || frame.compressed()) {
      return frame;
    }
    byte[] out = new byte[LENGTH_PREFIX + COMPRESSOR.maxCompressedLength(plain.length)];
    int size = COMPRESSOR.compress(plain, 0, plain.length, out, LENGTH_PREFIX);
    if (LENGTH_PREFIX + size >= plain.length) {
      return frame;
    }
    writeLengthLe(out, plain.length);
    return new Frame(
        frame.type(), frame.flags() | Frame.FLAG_LZ4, Arrays.copyOf(out, LENGTH_PREFIX + size));
  }

  /** Thrown for a compressed payload we refuse; the message says what was wrong with it. */
  static final class BadCompression extends Exception {
    BadCompression(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The payload of a {@link Frame#FLAG_LZ4} frame, decompressed. The declared length is checked
   * against {@code maxPayload} and against what the compressed bytes could possibly yield before
   * the output is allocated, and the block must decompress to exactly that length.
   */
  static byte[] decompress(byte[] payload, int maxPayload) throws BadCompression {
    if (payload.length < LENGTH_PREFIX) {
      throw new BadCompression("compressed payload of " + payload.length + " bytes has no length");
    }
    long declared = declaredLength(payload);
    int block = payload.length - LENGTH_PREFIX;
    if (declared > maxPayload) {
      throw new BadCompression(
          "compressed payload declares " + declared + " bytes, above the limit " + maxPayload);
    }
    if (declared > (long) block * MAX_RATIO) {
      throw new BadCompression(
          "compressed payload declares " + declared + " bytes from a block of " + block);
    }
    byte[] out = new byte[(int) declared];
    int size;
    try {
      size = DECOMPRESSOR.decompress(payload, LENGTH_PREFIX, block, out, 0, out.length);
    } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
      throw new BadCompression(
          "lz4 block corrupt or longer than the declared "
              + declared
              + " bytes: "
              + e.getMessage());
    }
    if (size != declared) {
      throw new BadCompression(
          "lz4 block decompresses to " + size + " bytes, declared " + declared);
    }
    return out;
  }

  /** The uncompressed length a compressed payload declares (an unsigned u32). */
  static long declaredLength(byte[] payload) {
    return (payload[0] & 0xFFL)
        | (payload[1] & 0xFFL) << 8
        | (payload[2] & 0xFFL) << 16
        | (payload[3] & 0xFFL) << 24;
  }

  private static void writeLengthLe(byte[] out, int length) {
    out[0] = (byte) length;
    out[1] = (byte) (length >>> 8);
    out[2] = (byte) (length >>> 16);
    out[3] = (byte) (length >>> 24);
  }
}
