package org.timecoin.bench;

import org.timecoin.common.time.Clock;
import org.timecoin.domain.validation.StateRootCheck;
import org.timecoin.domain.validation.UtxoView;

/**
 * Wraps the UTXO view and the state-root check a validator calls, to note when each step ends
 * relative to the start of one validation: shows which step is on the critical path.
 */
final class ValidationTimeline {
  private final Clock clock;
  private final UtxoView view;
  private final StateRootCheck stateRoot;
  private volatile long startNanos;
  private volatile long lookupDoneNanos;
  private volatile long stateRootStartNanos;
  private volatile long stateRootDoneNanos;

  final Samples lookupDone = new Samples();
  final Samples stateRootStart = new Samples();
  final Samples stateRootDone = new Samples();

  ValidationTimeline(Clock clock, UtxoView view, StateRootCheck stateRoot) {
    this.clock = clock;
    this.view =
        outPoints -> {
          var found = view.getAll(outPoints);
          return found.whenComplete((r, e) -> lookupDoneNanos = clock.monoNanos());
        };
    this.stateRoot =
        delta -> {
          stateRootStartNanos = clock.monoNanos();
          var root = stateRoot.stateRootAfter(delta);
          stateRootDoneNanos = clock.monoNanos();
          return root;
        };
  }

  UtxoView view() {
    return view;
  }

  StateRootCheck stateRoot() {
    return stateRoot;
  }

  /** Marks the start of one validation. */
  void start() {
    startNanos = clock.monoNanos();
  }

  /** Records the steps of the validation started last (call after it completed). */
  void record() {
    long start = startNanos;
    lookupDone.add(lookupDoneNanos - start);
    stateRootStart.add(stateRootStartNanos - start);
    stateRootDone.add(stateRootDoneNanos - start);
  }
}
