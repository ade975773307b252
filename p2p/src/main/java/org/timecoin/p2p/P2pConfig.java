package org.timecoin.p2p;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.timecoin.common.Hash32;

/**
 * Settings of the network layer. Build one with {@link #builder}; every duration is configurable so
 * tests can run keep-alive, discovery and reconnection on short intervals.
 *
 * @param listenHost the interface to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param listenPort the TCP port, 0 for an ephemeral one (tests)
 * @param magic network identifier; peers with another magic are refused
 * @param protocolVersion peers with another version are refused
 * @param genesisHash peers with another genesis are refused
 * @param dataDir where the address book is kept ({@code peers.dat}); null keeps it in memory
 * @param maxFrameSize largest frame (type, flags and payload) accepted or sent
 * @param banThreshold misbehaviour points that ban an address for {@code banDuration}
 * @param banLoopbackAddresses whether loopback addresses (127/8, ::1) are accounted like any other:
 *     banned by address and given a rate budget per address; off by default, because every node of
 *     a local network (devnet, tests) shares that address, so one bad connection would shut out all
 *     of them (the offender's node key is banned and budgeted either way)
 * @param persistentPeers addresses always dialled, outside {@code outboundTarget}, and redialled
 *     after {@code persistentReconnectBaseDelay} doubling up to {@code persistentReconnectMaxDelay}
 *     (a validator's links to the other validators)
 * @param inboundPerIp inbound connections accepted from one IP address
 * @param inboundPerNetGroup inbound connections accepted from one /24 (IPv4) or /48 (IPv6)
 * @param sendStallTimeout a peer whose connection stays unwritable this long while we have frames
 *     for it (it does not read) is disconnected
 * @param priorityPingInterval keep-alive on links to priority peers (validators, see {@link
 *     PeerNetwork#prioritize}): short, so a dead or silent validator link is noticed in seconds
 * @param priorityPeerTimeout a priority link without traffic for this long is closed (and
 *     redialled)
 * @param connectOnly dial only the bootstrap peers: learned addresses are kept and shared but never
 *     dialled (a validator behind its own sentries, or a test that routes every link through a
 *     proxy)
 * @param compression announce LZ4 frame compression in the HELLO; frames are compressed on a
 *     connection only when both sides announced it (see {@link FrameCompression})
 * @param maxPendingDeliveries per peer: above it we stop reading from the peer until the handlers
 *     catch up (TCP back-pressure instead of dropping)
 * @param seeds where to find the first peers: IP literals go into the address book as they are, a
 *     DNS name as every address its A and AAAA records give, looked up again every {@code
 *     seedRefreshInterval}
 */
public record P2pConfig(
    String listenHost,
    int listenPort,
    List<PeerAddress> bootstrapPeers,
    List<PeerAddress> persistentPeers,
    long magic,
    long protocolVersion,
    Hash32 genesisHash,
    Path dataDir,
    Duration pingInterval,
    Duration peerTimeout,
    Duration handshakeTimeout,
    Duration priorityPingInterval,
    Duration priorityPeerTimeout,
    boolean connectOnly,
    boolean compression,
    int maxFrameSize,
    int outboundTarget,
    int inboundLimit,
    int inboundPerIp,
    int inboundPerNetGroup,
    Duration banDuration,
    int banThreshold,
    boolean banLoopbackAddresses,
    Duration reconnectBaseDelay,
    Duration reconnectMaxDelay,
    Duration persistentReconnectBaseDelay,
    Duration persistentReconnectMaxDelay,
    Duration maintenanceInterval,
    Duration discoveryInterval,
    int sendQueueMaxMessages,
    long sendQueueMaxBytes,
    Duration sendStallTimeout,
    int maxPendingDeliveries,
    int seenCacheSize,
    int addressBookSize,
    int ioThreads,
    List<PeerAddress> seeds,
    Duration seedRefreshInterval) {

  public static final long PROTOCOL_VERSION = 1;
  public static final int TESTNET_PORT = 24100;
  public static final int MAINNET_PORT = 24000;

  public P2pConfig {
    Objects.requireNonNull(listenHost, "listenHost");
    bootstrapPeers = List.copyOf(bootstrapPeers);
    persistentPeers = List.copyOf(persistentPeers);
    seeds = List.copyOf(seeds);
    positive(seedRefreshInterval, "seedRefreshInterval");
    Objects.requireNonNull(genesisHash, "genesisHash");
    positive(pingInterval, "pingInterval");
    positive(peerTimeout, "peerTimeout");
    positive(handshakeTimeout, "handshakeTimeout");
    positive(priorityPingInterval, "priorityPingInterval");
    positive(priorityPeerTimeout, "priorityPeerTimeout");
    positive(banDuration, "banDuration");
    positive(reconnectBaseDelay, "reconnectBaseDelay");
    positive(maintenanceInterval, "maintenanceInterval");
    positive(persistentReconnectBaseDelay, "persistentReconnectBaseDelay");
    positive(sendStallTimeout, "sendStallTimeout");
    if (persistentReconnectMaxDelay.compareTo(persistentReconnectBaseDelay) < 0) {
      throw new IllegalArgumentException("persistentReconnectMaxDelay below its base delay");
    }
    positive(discoveryInterval, "discoveryInterval");
    if (reconnectMaxDelay.compareTo(reconnectBaseDelay) < 0) {
      throw new IllegalArgumentException("reconnectMaxDelay below reconnectBaseDelay");
    }
    if (maxFrameSize < 1024) {
      throw new IllegalArgumentException("maxFrameSize must be at least 1024");
    }
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("bad listenPort " + listenPort);
    }
    if (outboundTarget < 0
        || inboundLimit < 0
        || inboundPerIp < 1
        || inboundPerNetGroup < 1
        || banThreshold < 1
        || sendQueueMaxMessages < 1
        || sendQueueMaxBytes < 1
        || maxPendingDeliveries < 2
        || seenCacheSize < 1
        || addressBookSize < 1
        || ioThreads < 1) {
      throw new IllegalArgumentException("limits and counts must be positive");
    }
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  public static Builder builder(long magic, Hash32 genesisHash) {
    return new Builder(magic, genesisHash);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Defaults follow DESIGN.md §5: ping every 30 s, peer timeout 60 s. */
  public static final class Builder {
    private String listenHost = "0.0.0.0";
    private int listenPort = 0;
    private List<PeerAddress> bootstrapPeers = List.of();
    private List<PeerAddress> persistentPeers = List.of();
    private List<PeerAddress> seeds = List.of();
    private Duration seedRefreshInterval = Duration.ofMinutes(30);
    private long magic;
    private long protocolVersion = PROTOCOL_VERSION;
    private Hash32 genesisHash;
    private Path dataDir;
    private Duration pingInterval = Duration.ofSeconds(30);
    private Duration peerTimeout = Duration.ofSeconds(60);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration priorityPingInterval = Duration.ofMillis(500);
    private Duration priorityPeerTimeout = Duration.ofSeconds(3);
    private boolean connectOnly;
    private boolean compression = true;
    private int maxFrameSize = 8 * 1024 * 1024;
    private int outboundTarget = 8;
    private int inboundLimit = 64;
    private int inboundPerIp = 8;
    private int inboundPerNetGroup = 16;
    private Duration banDuration = Duration.ofHours(1);
    private int banThreshold = 100;
    private boolean banLoopbackAddresses;
    private Duration reconnectBaseDelay = Duration.ofSeconds(1);
    private Duration reconnectMaxDelay = Duration.ofMinutes(5);
    private Duration persistentReconnectBaseDelay = Duration.ofMillis(250);
    private Duration persistentReconnectMaxDelay = Duration.ofSeconds(2);
    private Duration maintenanceInterval = Duration.ofSeconds(1);
    private Duration discoveryInterval = Duration.ofSeconds(60);
    private int sendQueueMaxMessages = 10_000;
    private long sendQueueMaxBytes = 64L * 1024 * 1024;
    private Duration sendStallTimeout = Duration.ofSeconds(10);
    private int maxPendingDeliveries = 10_000;
    private int seenCacheSize = 100_000;
    private int addressBookSize = 2_000;
    private int ioThreads = 2;

    private Builder(long magic, Hash32 genesisHash) {
      this.magic = magic;
      this.genesisHash = genesisHash;
    }

    private Builder(P2pConfig c) {
      listenHost = c.listenHost;
      listenPort = c.listenPort;
      bootstrapPeers = c.bootstrapPeers;
      persistentPeers = c.persistentPeers;
      seeds = c.seeds;
      seedRefreshInterval = c.seedRefreshInterval;
      magic = c.magic;
      protocolVersion = c.protocolVersion;
      genesisHash = c.genesisHash;
      dataDir = c.dataDir;
      pingInterval = c.pingInterval;
      peerTimeout = c.peerTimeout;
      handshakeTimeout = c.handshakeTimeout;
      priorityPingInterval = c.priorityPingInterval;
      priorityPeerTimeout = c.priorityPeerTimeout;
      connectOnly = c.connectOnly;
      compression = c.compression;
      maxFrameSize = c.maxFrameSize;
      outboundTarget = c.outboundTarget;
      inboundLimit = c.inboundLimit;
      inboundPerIp = c.inboundPerIp;
      inboundPerNetGroup = c.inboundPerNetGroup;
      banDuration = c.banDuration;
      banThreshold = c.banThreshold;
      banLoopbackAddresses = c.banLoopbackAddresses;
      reconnectBaseDelay = c.reconnectBaseDelay;
      reconnectMaxDelay = c.reconnectMaxDelay;
      persistentReconnectBaseDelay = c.persistentReconnectBaseDelay;
      persistentReconnectMaxDelay = c.persistentReconnectMaxDelay;
      maintenanceInterval = c.maintenanceInterval;
      discoveryInterval = c.discoveryInterval;
      sendQueueMaxMessages = c.sendQueueMaxMessages;
      sendQueueMaxBytes = c.sendQueueMaxBytes;
      sendStallTimeout = c.sendStallTimeout;
      maxPendingDeliveries = c.maxPendingDeliveries;
      seenCacheSize = c.seenCacheSize;
      addressBookSize = c.addressBookSize;
      ioThreads = c.ioThreads;
    }

    public Builder listen(String host, int port) {
      listenHost = host;
      listenPort = port;
      return this;
    }

    public Builder bootstrapPeers(List<PeerAddress> peers) {
      bootstrapPeers = peers;
      return this;
    }

    public Builder seeds(List<PeerAddress> v) {
      seeds = v;
      return this;
    }

    public Builder seedRefreshInterval(Duration v) {
      seedRefreshInterval = v;
      return this;
    }

    public Builder persistentPeers(List<PeerAddress> peers) {
      persistentPeers = peers;
      return this;
    }

    public Builder persistentReconnectDelay(Duration base, Duration max) {
      persistentReconnectBaseDelay = base;
      persistentReconnectMaxDelay = max;
      return this;
    }

    /** Inbound connections accepted per IP address and per /24 (IPv4) or /48 (IPv6). */
    public Builder inboundPerSource(int perIp, int perNetGroup) {
      inboundPerIp = perIp;
      inboundPerNetGroup = perNetGroup;
      return this;
    }

    public Builder sendStallTimeout(Duration v) {
      sendStallTimeout = v;
      return this;
    }

    public Builder magic(long v) {
      magic = v;
      return this;
    }

    public Builder protocolVersion(long v) {
      protocolVersion = v;
      return this;
    }

    public Builder genesisHash(Hash32 v) {
      genesisHash = v;
      return this;
    }

    public Builder dataDir(Path v) {
      dataDir = v;
      return this;
    }

    public Builder pingInterval(Duration v) {
      pingInterval = v;
      return this;
    }

    public Builder peerTimeout(Duration v) {
      peerTimeout = v;
      return this;
    }

    public Builder handshakeTimeout(Duration v) {
      handshakeTimeout = v;
      return this;
    }

    public Builder priorityKeepAlive(Duration pingInterval, Duration peerTimeout) {
      priorityPingInterval = pingInterval;
      priorityPeerTimeout = peerTimeout;
      return this;
    }

    public Builder connectOnly(boolean v) {
      connectOnly = v;
      return this;
    }

    public Builder compression(boolean v) {
      compression = v;
      return this;
    }

    public Builder maxFrameSize(int v) {
      maxFrameSize = v;
      return this;
    }

    public Builder outboundTarget(int v) {
      outboundTarget = v;
      return this;
    }

    public Builder inboundLimit(int v) {
      inboundLimit = v;
      return this;
    }

    public Builder banDuration(Duration v) {
      banDuration = v;
      return this;
    }

    public Builder banThreshold(int v) {
      banThreshold = v;
      return this;
    }

    public Builder banLoopbackAddresses(boolean v) {
      banLoopbackAddresses = v;
      return this;
    }

    public Builder reconnectDelay(Duration base, Duration max) {
      reconnectBaseDelay = base;
      reconnectMaxDelay = max;
      return this;
    }

    public Builder maintenanceInterval(Duration v) {
      maintenanceInterval = v;
      return this;
    }

    public Builder discoveryInterval(Duration v) {
      discoveryInterval = v;
      return this;
    }

    public Builder sendQueueLimits(int maxMessages, long maxBytes) {
      sendQueueMaxMessages = maxMessages;
      sendQueueMaxBytes = maxBytes;
      return this;
    }

    public Builder maxPendingDeliveries(int v) {
      maxPendingDeliveries = v;
      return this;
    }

    public Builder seenCacheSize(int v) {
      seenCacheSize = v;
      return this;
    }

    public Builder addressBookSize(int v) {
      addressBookSize = v;
      return this;
    }

    public Builder ioThreads(int v) {
      ioThreads = v;
      return this;
    }

    public P2pConfig build() {
      return new P2pConfig(
          listenHost,
          listenPort,
          bootstrapPeers,
          persistentPeers,
          magic,
          protocolVersion,
          genesisHash,
          dataDir,
          pingInterval,
          peerTimeout,
          handshakeTimeout,
          priorityPingInterval,
          priorityPeerTimeout,
          connectOnly,
          compression,
          maxFrameSize,
          outboundTarget,
          inboundLimit,
          inboundPerIp,
          inboundPerNetGroup,
          banDuration,
          banThreshold,
          banLoopbackAddresses,
          reconnectBaseDelay,
          reconnectMaxDelay,
          persistentReconnectBaseDelay,
          persistentReconnectMaxDelay,
          maintenanceInterval,
          discoveryInterval,
          sendQueueMaxMessages,
          sendQueueMaxBytes,
          sendStallTimeout,
          maxPendingDeliveries,
          seenCacheSize,
          addressBookSize,
          ioThreads,
          seeds,
          seedRefreshInterval);
    }
  }
}
