package org.timecoin.consensus;

import java.util.Optional;

/** Port: durable storage of the {@link LastSigned} record of this validator. */
public interface SignGuardPort {
  /** The last record stored, empty for a validator that never signed. */
  Optional<LastSigned> load();

  /** Stores {@code last}; it must be durable (fsynced) when this returns. */
  void store(LastSigned last);
}
