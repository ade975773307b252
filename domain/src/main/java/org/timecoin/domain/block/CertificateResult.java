package org.timecoin.domain.block;

/**
 * Outcome of {@link CommitCertificate#verify}: valid with the power that signed, or the first
 * problem found.
 */
public record CertificateResult(Problem problem, String detail, long signedPower) {
  /** Why a certificate is not valid. */
  public enum Problem {
    /** Certificate names another height or block than the one it is checked against. */
    WRONG_BLOCK,
    /** A signer is not in the validator set. */
    UNKNOWN_VALIDATOR,
    /** A validator signed twice. */
    DUPLICATE_VALIDATOR,
    /** A signature does not verify over the PRECOMMIT sign bytes. */
    BAD_SIGNATURE,
    /** The signers hold no more than 2/3 of the voting power. */
    INSUFFICIENT_POWER
  }

  public static CertificateResult valid(long signedPower) {
    return new CertificateResult(null, "valid", signedPower);
  }

  public static CertificateResult invalid(Problem problem, String detail, long signedPower) {
    return new CertificateResult(problem, detail, signedPower);
  }

  public boolean isValid() {
    return problem == null;
  }
}
