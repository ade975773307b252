package org.timecoin.domain.validation;

/**
 * Outcome of a validation: valid, or the {@link Rejection} with a human-readable detail and the
 * index of the offending transaction in its block (-1 when the block itself is at fault or when a
 * lone transaction was checked). A valid transaction carries its fee; a valid block carries its
 * {@link BlockDelta}.
 */
public record ValidationResult(
    Rejection rejection, String detail, int txIndex, long fee, BlockDelta delta) {

  private static final ValidationResult OK = new ValidationResult(null, "valid", -1, 0, null);

  public static ValidationResult ok() {
    return OK;
  }

  public static ValidationResult okWithFee(long fee) {
    return new ValidationResult(null, "valid", -1, fee, null);
  }

  public static ValidationResult okBlock(BlockDelta delta) {
    return new ValidationResult(null, "valid", -1, delta.fees(), delta);
  }

  public static ValidationResult reject(Rejection rejection, String detail) {
    return new ValidationResult(rejection, detail, -1, 0, null);
  }

  public static ValidationResult reject(Rejection rejection, String detail, int txIndex) {
    return new ValidationResult(rejection, detail, txIndex, 0, null);
  }

  public boolean isValid() {
    return rejection == null;
  }

  /** The same rejection attributed to transaction {@code index} of a block. */
  public ValidationResult atTx(int index) {
    return isValid() ? this : new ValidationResult(rejection, detail, index, 0, null);
  }

  @Override
  public String toString() {
    if (isValid()) {
      return "valid";
    }
    return rejection + (txIndex >= 0 ? " (tx " + txIndex + ")" : "") + ": " + detail;
  }
}
