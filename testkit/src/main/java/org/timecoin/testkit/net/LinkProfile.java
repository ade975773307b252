package org.timecoin.testkit.net;

/**
 * How one directed link treats messages: their delay, the chance each is lost or duplicated, and
 * the chance each is held back by an extra delay of up to {@code reorderExtraMillis} (which
 * reorders it behind later messages).
 */
public record LinkProfile(
    DelayModel delay,
    double lossProbability,
    double duplicateProbability,
    double reorderProbability,
    long reorderExtraMillis) {

  public LinkProfile {
    checkProbability("loss", lossProbability);
    checkProbability("duplicate", duplicateProbability);
    checkProbability("reorder", reorderProbability);
    if (reorderExtraMillis < 0) {
      throw new IllegalArgumentException("negative reorder delay");
    }
  }

  /** A reliable link with the given delay distribution. */
  public static LinkProfile reliable(DelayModel delay) {
    return new LinkProfile(delay, 0, 0, 0, 0);
  }

  public LinkProfile withLoss(double probability) {
    return new LinkProfile(
        delay, probability, duplicateProbability, reorderProbability, reorderExtraMillis);
  }

  public LinkProfile withDuplication(double probability) {
    return new LinkProfile(
        delay, lossProbability, probability, reorderProbability, reorderExtraMillis);
  }

  public LinkProfile withReordering(double probability, long extraMillis) {
    return new LinkProfile(delay, lossProbability, duplicateProbability, probability, extraMillis);
  }

  /** True if every message arrives within the delay model's bound (no loss, no extra hold). */
  public boolean isSynchronous() {
    return lossProbability == 0
        && (reorderProbability == 0 || reorderExtraMillis == 0)
        && delay.maxNanos() != Long.MAX_VALUE;
  }

  private static void checkProbability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " probability out of [0,1]: " + p);
    }
  }
}
