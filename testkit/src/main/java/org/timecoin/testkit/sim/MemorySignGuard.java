package org.timecoin.testkit.sim;

import java.util.Optional;
import org.timecoin.consensus.LastSigned;
import org.timecoin.consensus.SignGuardPort;

/** The last-signed record of one validator, kept in memory across simulated crashes. */
final class MemorySignGuard implements SignGuardPort {
  private LastSigned last;

  @Override
  public Optional<LastSigned> load() {
    return Optional.ofNullable(last);
  }

  @Override
  public void store(LastSigned last) {
    this.last = last;
  }

  void clear() {
    last = null;
  }
}
