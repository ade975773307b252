package org.timecoin.p2p;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.timecoin.domain.crypto.PublicKey;

/**
 * A snapshot of one connected, authenticated peer.
 *
 * @param nodeKey the key the peer proved in the handshake; the peer's identity
 * @param remoteAddress the socket address of this connection
 * @param listenAddress where the peer accepts connections (what we share with others)
 * @param bestHeight the height the peer last told us (handshake, then every ping and pong)
 * @param rttNanos the last measured ping round trip, or -1 before the first pong
 * @param pongs how many pongs answered our pings
 * @param queuedMessages messages waiting in our send queue to this peer
 * @param bytesSent bytes written to this peer, frame headers included
 * @param bytesReceived bytes of frames read from this peer
 * @param clockOffsetMillis the peer's wall clock minus ours when its handshake arrived, or {@link
 *     #NO_CLOCK_OFFSET} when its handshake carried no clock (an older HELLO version)
 */
public record PeerInfo(
    PublicKey nodeKey,
    InetSocketAddress remoteAddress,
    PeerAddress listenAddress,
    Direction direction,
    long bestHeight,
    long rttNanos,
    long pongs,
    long connectedAtMillis,
    int queuedMessages,
    long bytesSent,
    long bytesReceived,
    long clockOffsetMillis) {

  public static final long NO_CLOCK_OFFSET = Long.MIN_VALUE;

  public OptionalLong clockOffset() {
    return clockOffsetMillis == NO_CLOCK_OFFSET
        ? OptionalLong.empty()
        : OptionalLong.of(clockOffsetMillis);
  }

  public Optional<Duration> rtt() {
    return rttNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rttNanos));
  }
}
