package org.timecoin.consensus;

import java.util.Optional;

/** A {@link SignGuardPort} in memory, for simulations and tests (it survives simulated crashes). */
public final class InMemorySignGuard implements SignGuardPort {
  private LastSigned last;

  @Override
  public Optional<LastSigned> load() {
    return Optional.ofNullable(last);
  }

  @Override
  public void store(LastSigned last) {
    this.last = last;
  }
}
