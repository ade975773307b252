package org.timecoin.p2p;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Which peers we are connected to and which we should dial: admission (bans, inbound limits in all,
 * per IP and per subnet), registration after the handshake (one connection per node key), the
 * outbound target, persistent peers, discovery rounds and address book persistence. Its state is
 * guarded by its own monitor; its periodic work runs on the injected {@link Scheduler}, file writes
 * on the work executor.
 */
final class PeerManager {
  private static final Logger log = LoggerFactory.getLogger(PeerManager.class);

  /** What peers cause is logged at a bounded rate. */
  private static final RateLimitedLog peerLog = RateLimitedLog.of(log);

  /** Starts a connection attempt; the outcome arrives as {@link #onDialFailed} or a connection. */
  interface Dialer {
    void dial(PeerAddress address);
  }

  private final P2pConfig config;
  private final PublicKey ourKey;
  private final Clock clock;
  private final AddressBook addressBook;
  private final AddressBookFile addressFile;
  private final BanList bans;
  private final PersistentPeers persistent;
  private final P2pMetrics metrics;
  private final List<PeerListener> listeners = new CopyOnWriteArrayList<>();

  private final Map<PublicKey, PeerConnection> established = new HashMap<>();
  private final Set<PeerConnection> connections = new HashSet<>();

  /** Addresses with an outbound attempt or connection alive; their count is our outbound count. */
  private final Set<PeerAddress> outbound = new HashSet<>();

  private Dialer dialer;
  private Scheduler scheduler;
  private Executor work;
  private EventLoopGuard guard;
  private volatile PeerAddress advertised;
  private volatile Set<PublicKey> priority = Set.of();
  private Scheduler.Cancellable maintenanceTimer;
  private long nextDiscoveryNanos;
  private boolean stopped;

  PeerManager(
      P2pConfig config,
      PublicKey ourKey,
      Clock clock,
      AddressBook addressBook,
      AddressBookFile addressFile,
      BanList bans,
      PersistentPeers persistent,
      P2pMetrics metrics) {
    this.config = config;
    this.ourKey = ourKey;
    this.clock = clock;
    this.addressBook = addressBook;
    this.addressFile = addressFile;
    this.bans = bans;
    this.persistent = persistent;
    this.metrics = metrics;
  }

  static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
  }

  void addListener(PeerListener listener) {
    listeners.add(listener);
  }

  synchronized void start(
      PeerAddress advertised,
      Dialer dialer,
      Scheduler scheduler,
      Executor work,
      EventLoopGuard guard) {
    this.advertised = advertised;
    this.dialer = dialer;
    this.scheduler = scheduler;
    this.work = work;
    this.guard = guard;
    for (PeerAddress a : config.bootstrapPeers()) {
      // Our own configuration vouches for each: every address is its own source.
      addressBook.add(a, NetGroups.bookGroup(a.host()));
    }
    maintenanceTimer = scheduler.schedule(Duration.ZERO, this::maintain);
  }

  synchronized void stop() {
    stopped = true;
    if (maintenanceTimer != null) {
      maintenanceTimer.cancel();
    }
  }

  void load(List<AddressBookFile.Entry> saved) {
    addressBook.load(saved);
  }

  void prioritize(Collection<PublicKey> keys) {
    priority = Set.copyOf(keys);
  }

  /** Whether {@code key} is a priority peer (a validator): its link gets the short keep-alive. */
  boolean isPriority(PublicKey key) {
    return key != null && priority.contains(key);
  }

  PeerAddress advertisedAddress() {
    return advertised;
  }

  // ---- connection lifecycle (called from event loops) ----

  synchronized RejectReason admit(PeerConnection c) {
    if (stopped) {
      return RejectReason.SHUTTING_DOWN;
    }
    if (bans.isBanned(c.remoteIp())) {
      return RejectReason.BANNED;
    }
    if (c.direction == Direction.INBOUND) {
      RejectReason full = inboundRoom(c.remoteIp());
      if (full != null) {
        return full;
      }
    }
    connections.add(c);
    return null;
  }

  /**
   * Whether one more inbound connection from {@code ip} fits: in all, from that address and from
   * its subnet, so one host or one /24 cannot take every inbound slot.
   */
  private RejectReason inboundRoom(InetAddress ip) {
    String subnet = NetGroups.subnet(ip);
    int all = 0;
    int sameIp = 0;
    int sameSubnet = 0;
    for (PeerConnection other : connections) {
      if (other.direction != Direction.INBOUND) {
        continue;
      }
      all++;
      InetAddress otherIp = other.remoteIp();
      if (otherIp.equals(ip)) {
        sameIp++;
      }
      if (NetGroups.subnet(otherIp).equals(subnet)) {
        sameSubnet++;
      }
    }
    if (all >= config.inboundLimit()) {
      return RejectReason.INBOUND_LIMIT;
    }
    if (sameIp >= config.inboundPerIp()) {
      return RejectReason.INBOUND_IP_LIMIT;
    }
    if (sameSubnet >= config.inboundPerNetGroup()) {
      return RejectReason.INBOUND_SUBNET_LIMIT;
    }
    return null;
  }

  /**
   * Registers an authenticated connection; a reason when it must be refused. One node key gets one
   * connection: see {@link #replaces}.
   */
  RejectReason onHandshake(PeerConnection c) {
    PeerConnection replaced;
    synchronized (this) {
      PublicKey key = c.nodeKey();
      if (bans.isBanned(key)) {
        return RejectReason.BANNED;
      }
      // Also when the peer dialled us first: then we need not dial it while it stays.
      persistent.authenticated(c.dialAddress != null ? c.dialAddress : c.listenAddress(), key);
      replaced = established.get(key);
      if (replaced != null && !replaces(c, replaced)) {
        return RejectReason.DUPLICATE_PEER;
      }
      established.put(key, c);
      c.markEstablished(clock.wallMillis());
      if (c.dialAddress == null) {
        addressBook.add(c.listenAddress(), NetGroups.bookGroup(c.remoteIp()));
      } else if (!persistent.contains(c.dialAddress)) {
        addressBook.recordSuccess(c.dialAddress);
      }
    }
    if (replaced != null) {
      metrics.reject(RejectReason.DUPLICATE_PEER);
      peerLog.info("peer {}: {} (replaced by {})", replaced, RejectReason.DUPLICATE_PEER, c);
      replaced.channel.close();
      // Its close will not find it registered any more, so listeners hear of it here.
      PeerInfo gone = replaced.info();
      notifyListeners(replaced, l -> l.onPeerDisconnected(gone));
    }
    PeerInfo info = c.info();
    notifyListeners(c, l -> l.onPeerConnected(info));
    return null;
  }

  /**
   * Whether a new connection to an already connected node key takes over. When both sides dialled
   * each other at once, both ends keep the connection opened by the node with the smaller key, so
   * exactly one survives. A second connection from the same initiator (a twin sharing a key, or a
   * restarted peer whose old connection died without a FIN) is refused until the old one closes or
   * times out, so twins cannot make the connection flap.
   */
  private boolean replaces(PeerConnection fresh, PeerConnection old) {
    PublicKey freshInitiator = initiator(fresh);
    PublicKey oldInitiator = initiator(old);
    return !freshInitiator.equals(oldInitiator) && freshInitiator.compareTo(oldInitiator) < 0;
  }

  private PublicKey initiator(PeerConnection c) {
    return c.direction == Direction.OUTBOUND ? ourKey : c.nodeKey();
  }

  void onClosed(PeerConnection c) {
    boolean wasEstablished;
    synchronized (this) {
      connections.remove(c);
      if (c.dialAddress != null) {
        dialEnded(c.dialAddress);
      }
      wasEstablished = c.nodeKey() != null && established.remove(c.nodeKey(), c);
      if (wasEstablished && !stopped) {
        // A persistent peer that had dialled us is now ours to dial.
        scheduler.schedule(Duration.ZERO, this::dialPersistent);
      }
    }
    if (wasEstablished) {
      peerLog.info("disconnected {}", c);
      PeerInfo info = c.info();
      notifyListeners(c, l -> l.onPeerDisconnected(info));
    }
  }

  synchronized void onDialFailed(PeerAddress address, Throwable cause) {
    log.debug("dial {} failed: {}", address, cause.toString());
    dialEnded(address);
  }

  /**
   * A dial failed or its connection ended: a persistent address is retried soon, others back off.
   */
  private void dialEnded(PeerAddress address) {
    long retryNanos = persistent.closed(address);
    if (retryNanos < 0) {
      outbound.remove(address);
      addressBook.recordFailure(address);
    } else if (!stopped) {
      scheduler.schedule(Duration.ofNanos(retryNanos), this::dialPersistent);
    }
  }

  private void dialPersistent() {
    List<PeerAddress> due;
    synchronized (this) {
      if (stopped) {
        return;
      }
      due = persistent.due(established::containsKey);
    }
    for (PeerAddress a : due) {
      dialer.dial(a);
    }
  }

  synchronized void markSelf(PeerAddress address) {
    // A list of validators shared by all of them names each one too.
    persistent.forget(address);
    addressBook.markSelf(address);
  }

  boolean isBanned(PublicKey key) {
    return bans.isBanned(key);
  }

  boolean isBanned(InetAddress ip) {
    return bans.isBanned(ip);
  }

  /**
   * Adds misbehaviour points; true when the peer is now banned (and must be disconnected). Only a
   * key that proved itself on this connection is charged; before that the IP alone pays.
   */
  boolean penalize(PeerConnection c, int points, String cause) {
    PublicKey key = c.verifiedKey();
    InetAddress ip = c.remoteIp();
    boolean wasBanned = bans.isBanned(ip) || (key != null && bans.isBanned(key));
    boolean banned = key == null ? bans.penalizeIp(ip, points) : bans.penalizeKey(key, ip, points);
    if (banned && !wasBanned) {
      metrics.ban(cause);
      peerLog.warn("banned {} for {}: {}", c, config.banDuration(), cause);
    }
    return banned;
  }

  int points(InetAddress ip) {
    return bans.points(ip);
  }

  int points(PublicKey key) {
    return bans.points(key);
  }

  // ---- queries ----

  synchronized List<PeerConnection> established() {
    return List.copyOf(established.values());
  }

  /** Every open connection, established or still in its handshake. */
  synchronized List<PeerConnection> connections() {
    return List.copyOf(connections);
  }

  synchronized PeerConnection established(PublicKey key) {
    return established.get(key);
  }

  /** Addresses to tell {@code requester}: live peers first, then the book; never its own. */
  List<PeerAddress> addressesFor(PeerConnection requester, int limit) {
    Set<PeerAddress> out = new LinkedHashSet<>();
    synchronized (this) {
      for (PeerConnection c : established.values()) {
        if (NetGroups.literal(c.listenAddress().host()) != null) {
          out.add(c.listenAddress());
        }
      }
    }
    if (advertised != null
        && !isWildcard(advertised.host())
        && NetGroups.literal(advertised.host()) != null) {
      out.add(advertised);
    }
    out.addAll(addressBook.shareable(limit));
    out.remove(requester.listenAddress());
    return out.stream().limit(limit).toList();
  }

  /**
   * Takes the addresses of a peer's ADDR into the book, under the peer's network group. Only IP
   * literals count (a name is never resolved for a peer); the number of others is returned so the
   * caller can charge a peer that sends many.
   */
  int learn(List<PeerAddress> addresses, PeerConnection from) {
    String source = NetGroups.bookGroup(from.remoteIp());
    int notLiteral = 0;
    for (PeerAddress a : addresses) {
      InetAddress ip = NetGroups.literal(a.host());
      if (ip == null) {
        notLiteral++;
      } else if (NetGroups.isShareable(ip) && !a.equals(advertised)) {
        addressBook.add(a, source);
      }
    }
    return notLiteral;
  }

  /** An address a configured seed gave: vouched for by our configuration, like a bootstrap peer. */
  void learnSeed(PeerAddress address) {
    if (!address.equals(advertised)) {
      addressBook.add(address, NetGroups.bookGroup(address.host()));
    }
  }

  /** Whether the book knows {@code address} (tests and inspection). */
  boolean knows(PeerAddress address) {
    return addressBook.contains(address);
  }

  // ---- periodic work ----

  private void maintain() {
    List<PeerAddress> toDial = new ArrayList<>();
    List<PeerConnection> askForAddresses = List.of();
    synchronized (this) {
      if (stopped) {
        return;
      }
      int deficit = config.outboundTarget() - outbound.size();
      if (deficit > 0) {
        Set<PeerAddress> exclude = new HashSet<>(outbound);
        for (PeerConnection c : established.values()) {
          exclude.add(c.listenAddress());
        }
        exclude.add(advertised);
        exclude.addAll(config.persistentPeers());
        List<PeerAddress> candidates =
            addressBook.dialable(exclude, config.connectOnly() ? Integer.MAX_VALUE : deficit);
        if (config.connectOnly()) {
          candidates =
              candidates.stream().filter(config.bootstrapPeers()::contains).limit(deficit).toList();
        }
        toDial.addAll(candidates);
        outbound.addAll(toDial);
      }
      toDial.addAll(persistent.due(established::containsKey));
      long now = clock.monoNanos();
      if (now - nextDiscoveryNanos >= 0) {
        nextDiscoveryNanos = now + config.discoveryInterval().toNanos();
        askForAddresses = List.copyOf(established.values());
      }
      maintenanceTimer = scheduler.schedule(config.maintenanceInterval(), this::maintain);
    }
    for (PeerAddress a : toDial) {
      dialer.dial(a);
    }
    Frame getAddr =
        PeerHandler.control(
            ControlMessages.GETADDR, ControlMessages.GETADDR_CODEC, new ControlMessages.GetAddr());
    for (PeerConnection c : askForAddresses) {
      c.sendControl(getAddr);
    }
    saveAddressBookAsync();
  }

  private void saveAddressBookAsync() {
    if (addressFile == null) {
      return;
    }
    List<AddressBookFile.Entry> changes = addressBook.takeChanges();
    if (changes == null) {
      return;
    }
    try {
      work.execute(
          () -> {
            guard.requireOffEventLoop("address book write");
            writeAddressBook(changes);
          });
    } catch (RejectedExecutionException e) {
      log.debug("address book not saved: shutting down");
    }
  }

  /** Writes the book now, on the caller's thread (used at shutdown). */
  void saveAddressBook() {
    if (addressFile != null) {
      writeAddressBook(addressBook.snapshot());
    }
  }

  private void writeAddressBook(List<AddressBookFile.Entry> entries) {
    try {
      addressFile.save(entries);
    } catch (IOException e) {
      log.warn("could not save address book {}: {}", addressFile.path(), e.toString());
    }
  }

  private void notifyListeners(PeerConnection c, Consumer<PeerListener> event) {
    for (PeerListener l : listeners) {
      c.inOrder("peer listener", () -> event.accept(l));
    }
  }
}
