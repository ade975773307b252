package org.timecoin.p2p;

/**
 * One wire frame: {@code u32 length ‖ u8 type ‖ u8 flags ‖ payload}, where {@code length} counts
 * the bytes after itself (type, flags and payload) and all integers are little-endian like the rest
 * of the canonical encoding.
 */
record Frame(int type, int flags, byte[] payload) {
  /** Bytes of type and flags that {@code length} counts besides the payload. */
  static final int TYPE_AND_FLAGS = 2;

  /** Bytes before the payload on the wire. */
  static final int HEADER_SIZE = 4 + TYPE_AND_FLAGS;

  /** No flag is defined in protocol version 1; the bits are reserved (e.g. for compression). */
  static final int KNOWN_FLAGS = 0;

  Frame(int type, byte[] payload) {
    this(type, 0, payload);
  }

  int wireSize() {
    return HEADER_SIZE + payload.length;
  }
}
