package org.timecoin.p2p;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the network layer refused, dropped, delivered and moved; safe from any thread.
 * Each is one atomic add on the path it counts. Labels stay bounded: 256 frame types, the {@link
 * RejectReason}s, and at most {@value #MAX_BAN_CAUSES} ban causes.
 */
public final class P2pMetrics {
  static final int MAX_BAN_CAUSES = 32;
  static final String OTHER_CAUSE = "other";

  private final Map<RejectReason, LongAdder> rejections = new EnumMap<>(RejectReason.class);
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder handshakes = new LongAdder();
  private final LongAdder bans = new LongAdder();
  private final Map<String, LongAdder> bansByCause = new ConcurrentHashMap<>();
  private final AtomicLongArray bytesIn = new AtomicLongArray(256);
  private final AtomicLongArray bytesOut = new AtomicLongArray(256);
  private final AtomicLongArray plainBytesIn = new AtomicLongArray(256);
  private final AtomicLongArray plainBytesOut = new AtomicLongArray(256);
  private final AtomicLongArray framesIn = new AtomicLongArray(256);
  private final AtomicLongArray framesOut = new AtomicLongArray(256);
  private final Map<Integer, String> typeNames = new ConcurrentHashMap<>();
  private final LongAdder rttSamples = new LongAdder();
  private final LongAdder rttNanos = new LongAdder();

  P2pMetrics() {
    for (RejectReason r : RejectReason.values()) {
      rejections.put(r, new LongAdder());
    }
    typeNames.put(ControlMessages.HELLO, "hello");
    typeNames.put(ControlMessages.AUTH, "auth");
    typeNames.put(ControlMessages.PING, "ping");
    typeNames.put(ControlMessages.PONG, "pong");
    typeNames.put(ControlMessages.GETADDR, "getaddr");
    typeNames.put(ControlMessages.ADDR, "addr");
  }

  void reject(RejectReason reason) {
    rejections.get(reason).increment();
  }

  void duplicate() {
    duplicates.increment();
  }

  void delivered() {
    delivered.increment();
  }

  void handshake() {
    handshakes.increment();
  }

  /** A ban imposed; {@code cause} is a short label (text beyond the label is cut off). */
  void ban(String cause) {
    bans.increment();
    String label = causeLabel(cause);
    LongAdder counter = bansByCause.get(label);
    if (counter == null) {
      label = bansByCause.size() < MAX_BAN_CAUSES ? label : OTHER_CAUSE;
      counter = bansByCause.computeIfAbsent(label, k -> new LongAdder());
    }
    counter.increment();
  }

  /**
   * The leading words of a reason as a metric label: "relayed transaction 3fa2..: fee" becomes
   * "relayed_transaction". A word with anything but letters (an id, a count, a colon) or longer
   * than 20 letters ends the label, so ids never become labels of their own.
   */
  static String causeLabel(String reason) {
    StringBuilder sb = new StringBuilder();
    for (String word : reason.toLowerCase(Locale.ROOT).split(" ", 8)) {
      if (word.isEmpty() || word.length() > 20 || !word.chars().allMatch(P2pMetrics::labelChar)) {
        break;
      }
      sb.append(sb.isEmpty() ? "" : "_").append(word);
    }
    return sb.isEmpty() ? OTHER_CAUSE : sb.toString();
  }

  private static boolean labelChar(int c) {
    return c >= 'a' && c <= 'z' || c == '_';
  }

  /** A frame of {@code wire} bytes on the wire, {@code plain} bytes before compression. */
  void received(int type, int wire, int plain) {
    framesIn.incrementAndGet(type & 0xFF);
    bytesIn.addAndGet(type & 0xFF, wire);
    plainBytesIn.addAndGet(type & 0xFF, plain);
  }

  /** A frame of {@code wire} bytes on the wire, {@code plain} bytes before compression. */
  void sent(int type, int wire, int plain) {
    framesOut.incrementAndGet(type & 0xFF);
    bytesOut.addAndGet(type & 0xFF, wire);
    plainBytesOut.addAndGet(type & 0xFF, plain);
  }

  void rtt(long nanos) {
    rttSamples.increment();
    rttNanos.add(Math.max(0, nanos));
  }

  void nameType(int type, String name) {
    typeNames.put(type & 0xFF, name.toLowerCase(Locale.ROOT));
  }

  public long rejections(RejectReason reason) {
    return rejections.get(reason).sum();
  }

  /** Gossip messages dropped because their hash was already seen. */
  public long duplicatesDropped() {
    return duplicates.sum();
  }

  /** Messages handed to registered handlers. */
  public long messagesDelivered() {
    return delivered.sum();
  }

  public long handshakesCompleted() {
    return handshakes.sum();
  }

  public long bansImposed() {
    return bans.sum();
  }

  /** Bans imposed so far, by cause label. */
  public Map<String, Long> bansByCause() {
    Map<String, Long> out = new TreeMap<>();
    bansByCause.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * Frame bytes (headers included) read from peers, of frame type {@code type}, as they were on the
   * wire (compressed where they came compressed).
   */
  public long bytesReceived(int type) {
    return bytesIn.get(type & 0xFF);
  }

  /** Frame bytes (headers included) written to peers, as they went on the wire. */
  public long bytesSent(int type) {
    return bytesOut.get(type & 0xFF);
  }

  /**
   * What {@link #bytesReceived} would be without compression: headers plus decompressed payloads.
   */
  public long bytesReceivedUncompressed(int type) {
    return plainBytesIn.get(type & 0xFF);
  }

  /** What {@link #bytesSent} would be without compression: headers plus uncompressed payloads. */
  public long bytesSentUncompressed(int type) {
    return plainBytesOut.get(type & 0xFF);
  }

  /**
   * Bytes sent on the wire per byte they would have taken uncompressed, for frames of {@code type}
   * (1.0 when none was compressed or none sent): the compression achieved on real traffic.
   */
  public double compressionRatio(int type) {
    long plain = bytesSentUncompressed(type);
    return plain == 0 ? 1.0 : (double) bytesSent(type) / plain;
  }

  public long framesReceived(int type) {
    return framesIn.get(type & 0xFF);
  }

  public long framesSent(int type) {
    return framesOut.get(type & 0xFF);
  }

  /** Names of the frame types known so far (p2p's own and those registered), by type byte. */
  public Map<Integer, String> typeNames() {
    return new TreeMap<>(typeNames);
  }

  /** Ping round trips measured. */
  public long rttSamples() {
    return rttSamples.sum();
  }

  /** Sum of the ping round trips measured, in nanoseconds. */
  public long rttTotalNanos() {
    return rttNanos.sum();
  }
}
