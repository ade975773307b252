package org.timecoin.node.api;

/** What became of a submitted transaction: accepted with its txid, or rejected with a reason. */
public record SubmitResult(boolean accepted, String txid, String rejectCode, String message) {
  /** The reject code of bytes that are not a canonical transaction. */
  public static final String DECODE_FAILED = "decode-failed";

  public static SubmitResult accepted(String txid) {
    return new SubmitResult(true, txid, null, null);
  }

  public static SubmitResult rejected(String txid, String code, String message) {
    return new SubmitResult(false, txid, code, message);
  }
}
