package org.timecoin.p2p;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Addresses we always keep a connection to (a validator's links to the other validators), outside
 * the outbound target and the address book. A lost or failed one is dialled again after a short
 * capped backoff; one whose node key is already connected (it dialled us) is left alone. Not
 * thread-safe: the {@link PeerManager}'s monitor guards it.
 */
final class PersistentPeers {
  private static final class State {
    boolean dialing;
    int failures;
    long nextAttemptNanos;
    PublicKey key;
  }

  private final Map<PeerAddress, State> peers = new LinkedHashMap<>();
  private final Backoff backoff;
  private final Clock clock;

  PersistentPeers(List<PeerAddress> addresses, Backoff backoff, Clock clock) {
    this.backoff = backoff;
    this.clock = clock;
    for (PeerAddress a : addresses) {
      peers.put(a, new State());
    }
  }

  boolean contains(PeerAddress address) {
    return address != null && peers.containsKey(address);
  }

  /**
   * The addresses to dial now: not being dialled or connected, past their backoff, and not known to
   * belong to a node key that {@code connected} says is connected. They count as dialling from here
   * on.
   */
  List<PeerAddress> due(Predicate<PublicKey> connected) {
    long now = clock.monoNanos();
    List<PeerAddress> out = new ArrayList<>();
    for (Map.Entry<PeerAddress, State> e : peers.entrySet()) {
      State s = e.getValue();
      if (!s.dialing
          && now - s.nextAttemptNanos >= 0
          && (s.key == null || !connected.test(s.key))) {
        s.dialing = true;
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** The address turned out to be our own: never dialled again. */
  void forget(PeerAddress address) {
    peers.remove(address);
  }

  /** The node at {@code address} proved it holds {@code key}. */
  void authenticated(PeerAddress address, PublicKey key) {
    State s = peers.get(address);
    if (s != null) {
      s.key = key;
      s.failures = 0;
    }
  }

  /**
   * A dial failed or a connection to {@code address} ended; the delay before it is due again, or -1
   * when it is not a persistent address.
   */
  long closed(PeerAddress address) {
    State s = peers.get(address);
    if (s == null) {
      return -1;
    }
    s.dialing = false;
    s.failures++;
    long delay = backoff.delayNanos(s.failures);
    s.nextAttemptNanos = clock.monoNanos() + delay;
    return delay;
  }
}
