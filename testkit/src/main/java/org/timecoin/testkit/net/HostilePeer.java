package org.timecoin.testkit.net;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.p2p.MessageType;
import org.timecoin.p2p.P2pConfig;

/**
 * A peer that a test controls completely, over a plain blocking socket: it speaks the wire format
 * (see {@code org.timecoin.p2p} package docs) byte by byte, so it can claim any key, forge an AUTH,
 * send any frame, and stop reading. It is the attacker of the hostile-network tests; nothing in it
 * trusts or helps the node it talks to.
 *
 * <p>Typical use: {@code HostilePeer.connect(target).handshake(magic, genesis, key)}, then {@link
 * #send} frames; {@link #startReading} drains what the node sends (answering its pings, so the link
 * stays up) until {@link #stopReading}.
 */
public final class HostilePeer implements AutoCloseable {
  /** Frame header: u32 length ‖ u8 type ‖ u8 flags; the length counts type, flags and payload. */
  public static final int HEADER_SIZE = 6;

  public static final int HELLO = 0x01;
  public static final int AUTH = 0x02;
  public static final int PING = 0x03;
  public static final int PONG = 0x04;
  public static final int GETADDR = 0x05;
  public static final int ADDR = 0x06;

  private static final byte[] AUTH_DOMAIN =
      "TIME-P2P-HANDSHAKE-V1".getBytes(StandardCharsets.US_ASCII);
  private static final int MESSAGE_VERSION = 1;
  private static final int NONCE_SIZE = 32;
  private static final int MAX_FRAME = 64 * 1024 * 1024;

  /** A frame as it crossed the wire. */
  public record Frame(int type, int flags, byte[] payload) {}

  /** The fields of the node's HELLO that an attacker needs. */
  public record Hello(PublicKey nodeKey, long bestHeight, byte[] nonce) {}

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Object writeLock = new Object();
  private final BlockingQueue<Frame> received = new ArrayBlockingQueue<>(10_000);
  private final AtomicBoolean reading = new AtomicBoolean();
  private final AtomicBoolean closedByNode = new AtomicBoolean();
  private final AtomicLong bytesRead = new AtomicLong();
  private Thread reader;
  private Hello nodeHello;

  private HostilePeer(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects from the default local address. */
  public static HostilePeer connect(InetSocketAddress target) throws IOException {
    return connect(target, null);
  }

  /**
   * Connects from {@code localIp} (e.g. 127.0.1.7: Linux routes all of 127/8 to the loopback
   * device, so one machine can pose as many hosts and networks) with a small receive buffer, so a
   * peer that stops reading backs the node's writes up quickly.
   */
  public static HostilePeer connect(InetSocketAddress target, InetAddress localIp)
      throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(16 * 1024);
    s.setSoTimeout(10_000);
    s.setTcpNoDelay(true);
    if (localIp != null) {
      s.bind(new InetSocketAddress(localIp, 0));
    }
    s.connect(target, 5_000);
    return new HostilePeer(s);
  }

  // ---- handshake ----

  /** Reads the node's HELLO (the first thing a node sends on a new connection). */
  public Hello readHello() throws IOException {
    if (nodeHello == null) {
      Frame f = readFrame();
      if (f.type() != HELLO) {
        throw new IOException("expected the node's HELLO, got type " + f.type());
      }
      ByteReader r = new ByteReader(f.payload());
      r.u8(); // message version
      r.u32(); // magic
      r.u32(); // protocol version
      r.hash(); // genesis
      PublicKey key = PublicKey.CODEC.read(r);
      r.bytes(1024); // listen host
      r.u16(); // listen port
      long height = r.u64();
      byte[] nonce = r.raw(NONCE_SIZE);
      nodeHello = new Hello(key, height, nonce);
    }
    return nodeHello;
  }

  /** Sends a HELLO claiming {@code claimedKey}; returns the nonce it carried. */
  public byte[] sendHello(long magic, Hash32 genesis, PublicKey claimedKey, long bestHeight)
      throws IOException {
    byte[] nonce = new byte[NONCE_SIZE];
    new SecureRandom().nextBytes(nonce);
    ByteWriter w = new ByteWriter(160);
    w.u8(MESSAGE_VERSION).u32(magic).u32(P2pConfig.PROTOCOL_VERSION).hash(genesis);
    PublicKey.CODEC.write(w, claimedKey);
    w.bytes("127.0.0.1".getBytes(StandardCharsets.US_ASCII)).u16(9);
    w.u64(bestHeight).raw(nonce);
    send(HELLO, w.toByteArray());
    return nonce;
  }

  /**
   * Sends an AUTH signed by {@code signer} for the handshake started with {@code ourNonce}: the
   * right key makes a valid one, any other key a forgery.
   */
  public void sendAuth(KeyPair signer, byte[] ourNonce, Hash32 genesis) throws IOException {
    Hello theirs = readHello();
    ByteWriter signed = new ByteWriter(AUTH_DOMAIN.length + 2 * NONCE_SIZE + 64);
    signed.raw(AUTH_DOMAIN).raw(theirs.nonce()).raw(ourNonce).hash(genesis);
    PublicKey.CODEC.write(signed, theirs.nodeKey());
    byte[] signature = signer.sign(signed.toByteArray());
    send(AUTH, new ByteWriter(65).u8(MESSAGE_VERSION).raw(signature).toByteArray());
  }

  /** A complete, honest handshake as {@code key}; returns once the node's AUTH arrived. */
  public HostilePeer handshake(long magic, Hash32 genesis, KeyPair key, long bestHeight)
      throws IOException {
    readHello();
    byte[] nonce = sendHello(magic, genesis, key.publicKey(), bestHeight);
    sendAuth(key, nonce, genesis);
    while (true) {
      Frame f = readFrame();
      if (f.type() == AUTH) {
        return this;
      }
    }
  }

  // ---- sending ----

  public void send(int type, byte[] payload) throws IOException {
    ByteWriter header = new ByteWriter(HEADER_SIZE);
    header.u32(2 + payload.length).u8(type).u8(0);
    synchronized (writeLock) {
      out.write(header.toByteArray());
      out.write(payload);
      out.flush();
    }
  }

  /** Encodes {@code message} with the type's own codec and sends it. */
  public <T> void send(MessageType<T> type, T message) throws IOException {
    send(type.id(), type.codec().encode(message));
  }

  public void sendRaw(byte[] bytes) throws IOException {
    synchronized (writeLock) {
      out.write(bytes);
      out.flush();
    }
  }

  public void sendPing(long nonce, long height) throws IOException {
    send(PING, new ByteWriter(17).u8(MESSAGE_VERSION).u64(nonce).u64(height).toByteArray());
  }

  public void sendGetAddr() throws IOException {
    send(GETADDR, new byte[] {MESSAGE_VERSION});
  }

  /** An ADDR of {@code hosts} (any strings: literals, names, junk), all on {@code port}. */
  public void sendAddr(List<String> hosts, int port) throws IOException {
    ByteWriter w = new ByteWriter(16 + hosts.size() * 24);
    w.u8(MESSAGE_VERSION).u32(hosts.size());
    for (String h : hosts) {
      w.bytes(h.getBytes(StandardCharsets.US_ASCII)).u16(port);
    }
    send(ADDR, w.toByteArray());
  }

  // ---- receiving ----

  /** Reads one frame directly (only while {@link #startReading} is not running). */
  public Frame readFrame() throws IOException {
    byte[] header = new byte[HEADER_SIZE];
    in.readFully(header);
    ByteReader h = new ByteReader(header);
    long length = h.u32();
    int type = h.u8();
    int flags = h.u8();
    if (length < 2 || length > MAX_FRAME) {
      throw new IOException("node sent a frame of length " + length);
    }
    byte[] payload = new byte[(int) length - 2];
    in.readFully(payload);
    bytesRead.addAndGet(HEADER_SIZE + payload.length);
    return new Frame(type, flags, payload);
  }

  /**
   * Reads in the background: answers pings (unless {@code answerPings} is false), keeps the latest
   * frames for {@link #poll}, and notes when the node closes the connection.
   */
  public synchronized void startReading(boolean answerPings) {
    reading.set(true);
    if (reader != null) {
      return;
    }
    reader =
        Thread.ofPlatform()
            .daemon()
            .name("hostile-peer-reader")
            .start(
                () -> {
                  try {
                    socket.setSoTimeout(0);
                    while (!socket.isClosed()) {
                      if (!reading.get()) {
                        synchronized (reading) {
                          while (!reading.get() && !socket.isClosed()) {
                            reading.wait(100);
                          }
                        }
                        continue;
                      }
                      Frame f = readFrame();
                      if (answerPings && f.type() == PING) {
                        send(PONG, f.payload());
                      }
                      if (!received.offer(f)) {
                        received.poll();
                        received.offer(f);
                      }
                    }
                  } catch (IOException e) {
                    // A socket we closed ourselves is not the node's doing.
                    closedByNode.set(!socket.isClosed());
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
  }

  /** Stops consuming what the node sends: its writes back up in TCP and then in the node. */
  public void stopReading() {
    reading.set(false);
  }

  /** The next frame the background reader kept, or null after {@code wait}. */
  public Frame poll(Duration wait) throws InterruptedException {
    return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Bytes of frames read from the node so far. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /**
   * Whether the node has closed the connection. Without a background reader this reads (and
   * discards) frames until the close or {@code wait} runs out.
   */
  public boolean awaitClosedByNode(Duration wait) throws IOException {
    if (reader != null) {
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline && reader.isAlive()) {
        try {
          reader.join(Math.max(1, wait.toMillis() / 20));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return !reader.isAlive() && closedByNode.get();
    }
    socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
    try {
      while (true) {
        readFrame();
      }
    } catch (EOFException | SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** True once a write to the node failed or the reader saw the node close the connection. */
  public boolean closedByNode() {
    return closedByNode.get();
  }

  @Override
  public void close() throws IOException {
    reading.set(false);
    socket.close();
    synchronized (reading) {
      reading.notifyAll();
    }
  }
}
