package org.timecoin.consensus.runtime;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;
import org.timecoin.consensus.SignGuardPort;
import org.timecoin.consensus.Signer;

/** The fixed collaborators of one consensus loop, as given to its builder. */
record RuntimeSetup<B>(
    ConsensusConfig config,
    Hash32 chainId,
    Signer signer,
    SignGuardPort signGuard,
    BlockKind<B> kind,
    ConsensusPorts<B> ports,
    Clock clock,
    Scheduler scheduler) {

  RuntimeSetup {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(signGuard, "signGuard");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(ports.listener(), "listener");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
  }
}
