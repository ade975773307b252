package org.timecoin.domain.tx;

/** Text that is not a valid TIME address; {@link #reason()} says which check failed. */
public final class AddressFormatException extends Exception {
  /** The check an address text failed. */
  public enum Reason {
    /** Does not start with TIME0 (testnet) or TIME1 (mainnet), or not the expected network's. */
    BAD_PREFIX,
    /** Holds a character outside the base58 alphabet. */
    BAD_CHARACTER,
    /** Decodes to a number of bytes other than 20 payload + 4 checksum. */
    BAD_LENGTH,
    /** The 4 checksum bytes do not match the payload: a typo or a truncated copy. */
    BAD_CHECKSUM
  }

  private final Reason reason;

  public AddressFormatException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
