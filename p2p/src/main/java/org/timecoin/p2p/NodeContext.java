package org.timecoin.p2p;

import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;

/** What every connection of a running node shares; built by {@link P2pNode#start()}. */
record NodeContext(
    P2pConfig config,
    KeyPair identity,
    Clock clock,
    P2pMetrics metrics,
    MessageRegistry registry,
    SeenCache seen,
    PeerManager peers,
    PeerBudgets budgets,
    EventLoopGuard guard,
    Executor work,
    Executor delivery,
    SecureRandom random,
    LongSupplier bestHeight) {

  byte[] newNonce() {
    byte[] nonce = new byte[ControlMessages.NONCE_SIZE];
    random.nextBytes(nonce);
    return nonce;
  }
}
