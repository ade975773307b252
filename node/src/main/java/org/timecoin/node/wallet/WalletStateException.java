package org.timecoin.node.wallet;

/**
 * The call does not fit the wallet's state: there is no wallet yet, or it is encrypted (or not)
 * when the call needs the opposite.
 */
public final class WalletStateException extends Exception {
  /** Which state the wallet was in. */
  public enum Kind {
    NO_WALLET,
    NOT_ENCRYPTED,
    ALREADY_ENCRYPTED
  }

  private final Kind kind;

  public WalletStateException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
