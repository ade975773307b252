package org.timecoin.testkit.sim.byzantine;

import org.timecoin.testkit.sim.Behaviour;

/** A validator that never sends anything: it neither proposes nor votes. */
public final class SilentValidator implements Behaviour {
  @Override
  public String name() {
    return "silent";
  }

  @Override
  public boolean participates() {
    return false;
  }
}
