package org.timecoin.node.api;

/**
 * A wallet call refused; {@link #kind()} lets the RPC layer pick the error code, the message says
 * what.
 */
public final class WalletException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the call was refused. */
  public enum Kind {
    /** There is no wallet (the node runs without one, or it is not created yet). */
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
    /** A value out of bounds: a label, path, duration, amount or fee rate. */
    INVALID_PARAMETER,
    /** The wallet file could not be read or written, or holds the most keys it can. */
    FILE_ERROR,
    /** The wallet's spendable coins do not cover the amount and the fee. */
    INSUFFICIENT_FUNDS,
    /** A raw transaction that does not decode. */
    DECODE_FAILED,
    /** A transaction the wallet does not know. */
    NOT_FOUND,
    /** The mempool refused the wallet's transaction. */
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
