package org.timecoin.consensus;

/**
 * The step of the current round ({@code step_p} of Algorithm 1, line 4), plus two bookends: {@link
 * #NEW_HEIGHT} before the first {@link Input.StartHeight} and {@link #COMMIT} after a decision,
 * while the node waits for the runtime to start the next height. Declaration order is the step
 * order.
 */
public enum Step {
  NEW_HEIGHT,
  PROPOSE,
  PREVOTE,
  PRECOMMIT,
  COMMIT;

  /** True if this step comes at or after {@code other} within a round. */
  public boolean atLeast(Step other) {
    return compareTo(other) >= 0;
  }
}
