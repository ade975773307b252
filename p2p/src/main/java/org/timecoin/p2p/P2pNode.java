package org.timecoin.p2p;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;

/** The Netty implementation of {@link PeerNetwork}. */
public final class P2pNode implements PeerNetwork {
  private static final Logger log = LoggerFactory.getLogger(P2pNode.class);

  /** What peers cause is logged at a bounded rate. */
  private static final RateLimitedLog peerLog = RateLimitedLog.of(log);

  /** Bulk frames enter a channel only below this many pending bytes (see {@link OutboundQueue}). */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

  private final P2pConfig config;
  private final KeyPair identity;
  private final Executor delivery;
  private final Clock clock;
  private final LongSupplier bestHeight;
  private final RandomGenerator jitter;
  private final P2pMetrics metrics = new P2pMetrics();
  private final MessageRegistry registry = new MessageRegistry();
  private final AddressBook addressBook;
  private final PeerManager peers;

  private EventLoopGroup group;
  private ExecutorService work;
  private ExecutorService resolver;
  private SeedResolver seedResolver;
  // Written once by start(), read by any thread that sends.
  private volatile NodeContext context;
  private volatile Channel serverChannel;

  /**
   * @param delivery where handlers and peer listeners run (e.g. the node's inbound queue or a
   *     pool); messages of one peer are delivered one at a time, in order
   * @param bestHeight our chain height, announced in the handshake and keep-alives; read on network
   *     threads, so it must be cheap and never block (e.g. an AtomicLong's getter)
   */
  public P2pNode(
      P2pConfig config, KeyPair identity, Executor delivery, Clock clock, LongSupplier bestHeight) {
    this(config, identity, delivery, clock, bestHeight, RandomGenerator.getDefault());
  }

  /** As above, with the random source of reconnection jitter given (tests pass a seeded one). */
  public P2pNode(
      P2pConfig config,
      KeyPair identity,
      Executor delivery,
      Clock clock,
      LongSupplier bestHeight,
      RandomGenerator jitter) {
    this.config = config;
    this.identity = identity;
    this.delivery = delivery;
    this.clock = clock;
    this.bestHeight = bestHeight;
    this.jitter = jitter;
    Backoff backoff = new Backoff(config.reconnectBaseDelay(), config.reconnectMaxDelay(), jitter);
    Backoff persistentBackoff =
        new Backoff(
            config.persistentReconnectBaseDelay(), config.persistentReconnectMaxDelay(), jitter);
    byte[] bucketSecret = new byte[32];
    newSecureRandom().nextBytes(bucketSecret);
    this.addressBook = new AddressBook(clock, backoff, config.addressBookSize(), bucketSecret);
    this.peers =
        new PeerManager(
            config,
            identity.publicKey(),
            clock,
            addressBook,
            config.dataDir() == null ? null : new AddressBookFile(config.dataDir()),
            new BanList(
                clock, config.banDuration(), config.banThreshold(), config.banLoopbackAddresses()),
            new PersistentPeers(config.persistentPeers(), persistentBackoff, clock),
            metrics);
  }

  @Override
  public synchronized void start() {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    loadAddressBook();
    group =
        new MultiThreadIoEventLoopGroup(
            config.ioThreads(),
            new DefaultThreadFactory("p2p-io", true),
            NioIoHandler.newFactory());
    work =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("p2p-work-", 0).daemon(true).factory());
    resolver =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("p2p-resolve-", 0).daemon(true).factory());
    EventLoopGuard guard = new EventLoopGuard(group, metrics);
    context =
        new NodeContext(
            config,
            identity,
            clock,
            metrics,
            registry,
            new SeenCache(config.seenCacheSize()),
            peers,
            new PeerBudgets(
                clock, config.banDuration(), config.inboundPerIp(), config.banLoopbackAddresses()),
            guard,
            work,
            delivery,
            newSecureRandom(),
            bestHeight);
    ServerBootstrap server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .childHandler(initializer(Direction.INBOUND, null));
    try {
      serverChannel =
          server.bind(config.listenHost(), config.listenPort()).syncUninterruptibly().channel();
    } catch (Exception e) { // Netty rethrows the bind failure (a checked exception) unchecked
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      work.shutdown();
      resolver.shutdown();
      group = null;
      throw new IllegalStateException(
          "cannot listen on " + config.listenHost() + ":" + config.listenPort(), e);
    }
    InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
    PeerAddress advertised = new PeerAddress(config.listenHost(), bound.getPort());
    log.info("p2p listening on {} as {}", bound, identity.publicKey().toHex());
    peers.start(advertised, this::dial, new EventLoopScheduler(group.next()), work, guard);
    seedResolver =
        new SeedResolver(
            config.seeds(),
            InetAddress::getAllByName,
            resolver,
            new EventLoopScheduler(group.next()),
            config.seedRefreshInterval(),
            peers::learnSeed);
    seedResolver.start();
  }

  private void loadAddressBook() {
    if (config.dataDir() == null) {
      return;
    }
    AddressBookFile file = new AddressBookFile(config.dataDir());
    try {
      peers.load(file.load(addressBook.capacity()));
    } catch (IOException | RuntimeException e) {
      log.warn("ignoring unreadable address book {}: {}", file.path(), e.toString());
    }
  }

  private static SecureRandom newSecureRandom() {
    try {
      // DRBG reseeds rarely: nonces drawn on an event loop do not read the entropy device.
      SecureRandom random = SecureRandom.getInstance("DRBG");
      random.nextBytes(new byte[1]);
      return random;
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  private ChannelInitializer<SocketChannel> initializer(Direction direction, PeerAddress dialed) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline()
            .addLast(
                "frames",
                new FrameDecoder(ControlMessages.HANDSHAKE_FRAME_LIMIT, config.maxFrameSize()))
            .addLast("encoder", FrameEncoder.INSTANCE)
            .addLast(
                "idle",
                new IdleStateHandler(config.peerTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS))
            .addLast(
                "peer",
                new PeerHandler(context, new PeerConnection(ch, direction, dialed, context)));
      }
    };
  }

  /**
   * Connects without blocking. An IP literal is used as it is; a host name (only ever from our own
   * configuration) is looked up on the resolver's own threads, since a lookup can block for seconds
   * and must not hold up the event loops or the handshake pool.
   */
  private void dial(PeerAddress address) {
    InetAddress literal = NetGroups.literal(address.host());
    if (literal != null) {
      connect(address, literal);
      return;
    }
    try {
      resolver.execute(
          () -> {
            try {
              connect(address, InetAddress.getByName(address.host()));
            } catch (UnknownHostException e) {
              peers.onDialFailed(address, e);
            }
          });
    } catch (RejectedExecutionException e) {
      peers.onDialFailed(address, e);
    }
  }

  private void connect(PeerAddress address, InetAddress ip) {
    new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.handshakeTimeout().toMillis())
        .handler(initializer(Direction.OUTBOUND, address))
        .connect(new InetSocketAddress(ip, address.port()))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                peers.onDialFailed(address, f.cause());
              }
            });
  }

  @Override
  public void close() {
    synchronized (this) {
      if (group == null || group.isShuttingDown()) {
        return;
      }
      peers.stop();
      seedResolver.stop();
      serverChannel.close().syncUninterruptibly();
      for (PeerConnection c : peers.established()) {
        c.channel.close();
      }
    }
    resolver.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    work.shutdown();
    try {
      work.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    peers.saveAddressBook();
    log.info("p2p stopped");
  }

  @Override
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) requireStarted().localAddress();
  }

  @Override
  public PublicKey nodeKey() {
    return identity.publicKey();
  }

  @Override
  public <T> void register(MessageType<T> type, PeerMessageHandler<T> handler) {
    registry.register(type, handler, null);
    metrics.nameType(type.id(), type.name());
  }

  @Override
  public <T> void register(MessageType<T> type, PeerMessageHandler<T> handler, Executor lane) {
    registry.register(type, handler, Objects.requireNonNull(lane, "lane"));
    metrics.nameType(type.id(), type.name());
  }

  @Override
  public void prioritize(Collection<PublicKey> keys) {
    peers.prioritize(keys);
  }

  @Override
  public void addPeerListener(PeerListener listener) {
    peers.addListener(listener);
  }

  @Override
  public <T> int broadcast(MessageType<T> type, T message) {
    return broadcast(type, message, p -> true);
  }

  @Override
  public <T> int broadcast(MessageType<T> type, T message, Predicate<PeerInfo> to) {
    requireStarted();
    Frame frame = encode(type, message);
    if (type.deduplicated()) {
      context.seen().markSeen(frame.type(), frame.payload());
    }
    int queued = 0;
    Frame compressed = null; // compressed once, on the caller's thread, for all peers that read it
    for (PeerConnection c : peers.established()) {
      if (!to.test(c.info())) {
        continue;
      }
      Frame out = frame;
      if (c.compresses()) {
        compressed = compressed == null ? FrameCompression.compress(frame) : compressed;
        out = compressed;
      }
      if (c.sendBulk(out)) {
        queued++;
      }
    }
    return queued;
  }

  @Override
  public <T> boolean send(PublicKey peer, MessageType<T> type, T message) {
    requireStarted();
    PeerConnection c = peers.established(peer);
    return c != null && c.sendBulk(c.forWire(encode(type, message)));
  }

  private <T> Frame encode(MessageType<T> type, T message) {
    byte[] payload = type.codec().encode(message);
    if (payload.length + Frame.TYPE_AND_FLAGS > config.maxFrameSize()) {
      throw new IllegalArgumentException(
          type + " message of " + payload.length + " bytes exceeds the frame limit");
    }
    return new Frame(type.id(), payload);
  }

  @Override
  public List<PeerInfo> peers() {
    return peers.established().stream().map(PeerConnection::info).toList();
  }

  @Override
  public Optional<PeerInfo> peer(PublicKey nodeKey) {
    return Optional.ofNullable(peers.established(nodeKey)).map(PeerConnection::info);
  }

  @Override
  public void reportPeerHeight(PublicKey peer, long height) {
    PeerConnection c = peers.established(peer);
    if (c != null) {
      c.updateHeight(height);
    }
  }

  @Override
  public void disconnect(PublicKey peer) {
    PeerConnection c = peers.established(peer);
    if (c != null) {
      c.channel.close();
    }
  }

  @Override
  public void penalize(PublicKey peer, int points, String reason) {
    PeerConnection c = peers.established(peer);
    if (c != null && peers.penalize(c, points, reason)) {
      peerLog.info("peer {} penalized: {}", c, reason);
      c.channel.close();
    }
  }

  /** Bytes queued for all peers, in our queues and in the channels' buffers. */
  long pendingSendBytes() {
    long sum = 0;
    for (PeerConnection c : peers.connections()) {
      sum += c.pendingSendBytes();
    }
    return sum;
  }

  /** Whether the address book holds {@code address} (inspection and tests). */
  boolean knowsAddress(PeerAddress address) {
    return peers.knows(address);
  }

  int knownAddresses() {
    return addressBook.size();
  }

  /** Misbehaviour points an address has gathered (inspection and tests). */
  int penaltyPoints(InetAddress ip) {
    return peers.points(ip);
  }

  /** Misbehaviour points an authenticated node key has gathered. */
  int penaltyPoints(PublicKey key) {
    return peers.points(key);
  }

  boolean isBanned(PublicKey key) {
    return peers.isBanned(key);
  }

  boolean isBanned(InetAddress ip) {
    return peers.isBanned(ip);
  }

  @Override
  public P2pMetrics metrics() {
    return metrics;
  }

  private Channel requireStarted() {
    Channel server = serverChannel;
    if (server == null) {
      throw new IllegalStateException("p2p node not started");
    }
    return server;
  }
}
