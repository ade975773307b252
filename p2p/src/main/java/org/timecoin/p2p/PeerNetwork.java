package org.timecoin.p2p;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The network as the node sees it: typed messages to and from authenticated peers. Everything here
 * is safe to call from any thread and never blocks on the network.
 */
public interface PeerNetwork extends AutoCloseable {
  /** Binds the listen port, then connects to bootstrap and known peers in the background. */
  void start();

  /** Disconnects every peer, stops all threads and saves the address book. */
  @Override
  void close();

  /** The bound listen address (its port is the real one when the config asked for port 0). */
  InetSocketAddress localAddress();

  PublicKey nodeKey();

  /**
   * Registers the handler of a message type; call before {@link #start()} so no message of the type
   * arrives unhandled (an unregistered type is a protocol violation).
   */
  <T> void register(MessageType<T> type, PeerMessageHandler<T> handler);

  /**
   * As {@link #register(MessageType, PeerMessageHandler)}, with the type's messages delivered on
   * {@code lane} instead of the default delivery executor: one protocol's backlog (block serving,
   * say) then never delays another's (votes). Per peer, messages of one lane arrive in order; order
   * across lanes is not kept. Each lane has its own per-peer bound of pending deliveries; above it,
   * reading from that peer pauses until the lane catches up.
   */
  <T> void register(MessageType<T> type, PeerMessageHandler<T> handler, Executor lane);

  void addPeerListener(PeerListener listener);

  /**
   * Names the peers whose links matter most (the validators): their links get the short priority
   * keep-alive ({@link P2pConfig#priorityPingInterval()}), so a dead or silent one is closed and
   * redialled within seconds instead of waiting on TCP. Applies to connections established after
   * the call.
   */
  void prioritize(Collection<PublicKey> keys);

  /** Sends to every connected peer; the number of peers it was queued for. */
  <T> int broadcast(MessageType<T> type, T message);

  /**
   * Sends to the connected peers that {@code to} accepts, e.g. those behind a height or all but the
   * one a message came from. For deduplicated types the message is marked seen, so its echo from a
   * peer is not delivered back to us.
   */
  <T> int broadcast(MessageType<T> type, T message, Predicate<PeerInfo> to);

  /**
   * Sends to one peer, e.g. votes again to a peer that lags; our seen-cache is not consulted, but
   * the receiver still drops a deduplicated type it has already seen (re-send with a direct type
   * when it must be delivered again). False when the peer is not connected or its queue is full.
   */
  <T> boolean send(PublicKey peer, MessageType<T> type, T message);

  /** Connected, authenticated peers. */
  List<PeerInfo> peers();

  Optional<PeerInfo> peer(PublicKey nodeKey);

  /**
   * Records a height the upper layers learned from a peer (e.g. from a status message), so {@link
   * PeerInfo#bestHeight()} is fresher than the last keep-alive.
   */
  void reportPeerHeight(PublicKey peer, long height);

  /** Closes the connection to a peer; it may be dialled again later. */
  void disconnect(PublicKey peer);

  /**
   * Reports misbehaviour the upper layers detected (an invalid block or vote signature, ...); a
   * peer reaching the ban threshold is disconnected and banned.
   */
  void penalize(PublicKey peer, int points, String reason);

  P2pMetrics metrics();
}
