package org.timecoin.consensus.runtime;

import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;
import org.timecoin.consensus.SignGuardPort;
import org.timecoin.consensus.Signer;

/** The fixed collaborators of one runtime, as given to {@link ConsensusRuntime.Builder}. */
record RuntimeSetup(
    ConsensusConfig config,
    Hash32 chainId,
    Signer signer,
    SignGuardPort signGuard,
    ValidatorSets validatorSets,
    Gossip gossip,
    BlockProducer producer,
    BlockValidatorPort blockValidator,
    BlockFinalizer finalizer,
    ConsensusListener listener,
    Clock clock,
    Scheduler scheduler) {

  RuntimeSetup {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(signGuard, "signGuard");
    Objects.requireNonNull(validatorSets, "validatorSets");
    Objects.requireNonNull(gossip, "gossip");
    Objects.requireNonNull(producer, "blockProducer");
    Objects.requireNonNull(blockValidator, "blockValidator");
    Objects.requireNonNull(finalizer, "finalizer");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
  }
}
