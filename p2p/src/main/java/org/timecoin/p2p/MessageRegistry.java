package org.timecoin.p2p;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * Message types registered by higher layers, with their handlers. Ids below {@link
 * #FIRST_APPLICATION_TYPE} are reserved for p2p's own messages (handshake, keep-alive, peer
 * exchange).
 */
final class MessageRegistry {
  public static final int FIRST_APPLICATION_TYPE = 0x10;

  /**
   * @param lane the executor this type's messages are delivered on; null for the node's default
   *     delivery executor
   */
  record Registration<T>(MessageType<T> type, PeerMessageHandler<T> handler, Executor lane) {}

  private final ConcurrentMap<Integer, Registration<?>> byId = new ConcurrentHashMap<>();

  <T> void register(MessageType<T> type, PeerMessageHandler<T> handler, Executor lane) {
    Registration<T> reg = new Registration<>(type, handler, lane);
    Registration<?> previous = byId.putIfAbsent(type.id(), reg);
    if (previous != null) {
      throw new IllegalArgumentException(
          "message type id " + type.id() + " already registered as " + previous.type());
    }
  }

  /** The registration for a frame type byte, or null when no layer registered it. */
  Registration<?> lookup(int id) {
    return byId.get(id);
  }
}
