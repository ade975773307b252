package org.timecoin.common.codec;

/** Bytes that do not decode to a valid value: truncated, oversize, trailing garbage, bad field. */
public final class CodecException extends RuntimeException {
  public CodecException(String message) {
    super(message);
  }
}
