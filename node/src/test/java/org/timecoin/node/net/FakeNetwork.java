package org.timecoin.node.net;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.p2p.Direction;
import org.timecoin.p2p.MessageType;
import org.timecoin.p2p.P2pMetrics;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerListener;
import org.timecoin.p2p.PeerMessageHandler;
import org.timecoin.p2p.PeerNetwork;

/** A network that records what is sent and lets a test deliver messages by hand. */
public final class FakeNetwork implements PeerNetwork {
  /** One message sent to one peer (null peer: broadcast). */
  public record Sent(PublicKey to, MessageType<?> type, Object message) {}

  public final List<Sent> sent = new CopyOnWriteArrayList<>();
  public final List<String> penalties = new CopyOnWriteArrayList<>();

  /** Penalty points charged so far, per peer. */
  public final Map<PublicKey, Integer> points = new java.util.concurrent.ConcurrentHashMap<>();

  public final List<PeerInfo> connected = new CopyOnWriteArrayList<>();
  private final Map<Integer, PeerMessageHandler<?>> handlers = new HashMap<>();
  private final List<PeerListener> listeners = new ArrayList<>();
  private final PublicKey self;

  public FakeNetwork(PublicKey self) {
    this.self = self;
  }

  public static PeerInfo peer(PublicKey key, long height) {
    return peer(key, height, PeerInfo.NO_CLOCK_OFFSET);
  }

  /** A peer whose handshake told a clock {@code clockOffsetMillis} off ours. */
  public static PeerInfo peer(PublicKey key, long height, long clockOffsetMillis) {
    return new PeerInfo(
        key,
        new InetSocketAddress("127.0.0.1", 1),
        null,
        Direction.OUTBOUND,
        height,
        -1,
        0,
        0,
        0,
        0,
        0,
        clockOffsetMillis);
  }

  public void connect(PeerInfo p) {
    connected.add(p);
    listeners.forEach(l -> l.onPeerConnected(p));
  }

  @SuppressWarnings("unchecked")
  public <T> void deliver(PublicKey from, MessageType<T> type, T message) {
    ((PeerMessageHandler<T>) handlers.get(type.id())).onMessage(from, message);
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> sentOf(MessageType<T> type) {
    return sent.stream().filter(s -> s.type().id() == type.id()).map(s -> (T) s.message()).toList();
  }

  @Override
  public void start() {}

  @Override
  public void close() {}

  @Override
  public InetSocketAddress localAddress() {
    return new InetSocketAddress("127.0.0.1", 0);
  }

  @Override
  public PublicKey nodeKey() {
    return self;
  }

  @Override
  public <T> void register(MessageType<T> type, PeerMessageHandler<T> handler) {
    handlers.put(type.id(), handler);
  }

  /**
   * Lanes are the network's business: the fake delivers on the caller's thread whatever the lane.
   */
  @Override
  public <T> void register(MessageType<T> type, PeerMessageHandler<T> handler, Executor lane) {
    register(type, handler);
    lanes.put(type.id(), lane);
  }

  /** The lane each type was registered on, by type id (absent: the default lane). */
  public final Map<Integer, Executor> lanes = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void prioritize(Collection<PublicKey> keys) {}

  @Override
  public void addPeerListener(PeerListener listener) {
    listeners.add(listener);
  }

  @Override
  public <T> int broadcast(MessageType<T> type, T message) {
    sent.add(new Sent(null, type, message));
    return connected.size();
  }

  @Override
  public <T> int broadcast(MessageType<T> type, T message, Predicate<PeerInfo> to) {
    return broadcast(type, message);
  }

  @Override
  public <T> boolean send(PublicKey peer, MessageType<T> type, T message) {
    if (queuesFull) {
      return false;
    }
    sent.add(new Sent(peer, type, message));
    return true;
  }

  /** When true, {@link #send} refuses everything, as for a peer whose queue is full. */
  public volatile boolean queuesFull;

  @Override
  public List<PeerInfo> peers() {
    return List.copyOf(connected);
  }

  @Override
  public Optional<PeerInfo> peer(PublicKey nodeKey) {
    return connected.stream().filter(p -> p.nodeKey().equals(nodeKey)).findFirst();
  }

  @Override
  public void disconnect(PublicKey peer) {
    connected.removeIf(p -> p.nodeKey().equals(peer));
  }

  @Override
  public void penalize(PublicKey peer, int points, String reason) {
    penalties.add(peer.toHex() + " " + reason);
    this.points.merge(peer, points, Integer::sum);
  }

  public final Map<PublicKey, Long> reportedHeights =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public void reportPeerHeight(PublicKey peer, long height) {
    reportedHeights.put(peer, height);
  }

  @Override
  public P2pMetrics metrics() {
    return null;
  }
}
