package org.timecoin.p2p;

/**
 * One wire frame: {@code u32 length ‖ u8 type ‖ u8 flags ‖ payload}, where {@code length} counts
 * the bytes after itself (type, flags and payload) and all integers are little-endian like the rest
 * of the canonical encoding.
 *
 * <p>A frame to send holds its payload as it goes on the wire (compressed when {@link #FLAG_LZ4} is
 * set). A received frame holds its payload as the peer meant it (the decoder decompresses and
 * clears the flag), and {@code wireSize} says how many bytes it really took on the wire.
 *
 * @param wireSize bytes of the frame on the wire, header included
 */
record Frame(int type, int flags, byte[] payload, int wireSize) {
  /** Bytes of type and flags that {@code length} counts besides the payload. */
  static final int TYPE_AND_FLAGS = 2;

  /** Bytes before the payload on the wire. */
  static final int HEADER_SIZE = 4 + TYPE_AND_FLAGS;

  /**
   * The payload is {@code u32 uncompressed length ‖ LZ4 block} (see {@link FrameCompression}); only
   * sent to a peer that announced {@link ControlMessages#FEATURE_LZ4} in its HELLO.
   */
  static final int FLAG_LZ4 = 0x01;

  /** Flags a peer may set; any other bit makes the frame malformed. */
  static final int KNOWN_FLAGS = FLAG_LZ4;

  Frame(int type, int flags, byte[] payload) {
    this(type, flags, payload, HEADER_SIZE + payload.length);
  }

  Frame(int type, byte[] payload) {
    this(type, 0, payload);
  }

  boolean compressed() {
    return (flags & FLAG_LZ4) != 0;
  }

  /** Bytes the frame takes (or would take) on the wire without compression, header included. */
  int plainSize() {
    if (compressed() && payload.length >= FrameCompression.LENGTH_PREFIX) {
      long plain = FrameCompression.declaredLength(payload);
      return HEADER_SIZE + (int) Math.min(plain, Integer.MAX_VALUE - HEADER_SIZE);
    }
    return HEADER_SIZE + payload.length;
  }
}
