package org.timecoin.node.api;

/** A wallet call refused; {@link #reason()} lets the RPC layer pick the error code. */
public final class WalletException extends Exception {
  /** Why the call was refused. */
  public enum Reason {
    /** There is no wallet yet. */
    NO_WALLET,
    /** The wallet is encrypted and locked. */
    LOCKED,
    WRONG_PASSPHRASE,
    /** Encrypted when the call needs it plain, or the other way round. */
    WRONG_STATE,
    /** A private key text that does not decode, or is for another network. */
    INVALID_KEY,
    /** An address text that does not parse, or is for another network. */
    INVALID_ADDRESS,
    /** A valid address whose key the wallet does not hold. */
    NOT_IN_WALLET,
    /** A label, path or duration out of bounds. */
    INVALID_PARAMETER,
    /** The wallet file could not be read or written, or holds the most keys it can. */
    FILE_ERROR
  }

  private final Reason reason;

  public WalletException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
