package org.timecoin.node.api;

/** A wallet operation that cannot be done; {@link #kind()} says why, the message says what. */
public final class WalletException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, so callers can answer with the matching error code. */
  public enum Kind {
    NO_WALLET,
    LOCKED,
    INSUFFICIENT_FUNDS,
    BAD_ADDRESS,
    INVALID_PARAMETER,
    DECODE_FAILED,
    NOT_FOUND,
    REJECTED
  }

  private final Kind kind;

  public WalletException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
