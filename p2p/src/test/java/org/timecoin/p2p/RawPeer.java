package org.timecoin.p2p;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.p2p.ControlMessages.Auth;
import org.timecoin.p2p.ControlMessages.Hello;

/** A hand-driven peer over a plain socket, for sending exactly the bytes a test wants. */
final class RawPeer implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  RawPeer(P2pNode target) throws IOException {
    this(target, "127.0.0.1");
  }

  /**
   * Connects from {@code localIp}: any 127.x.y.z works on Linux, so a test can attack from an
   * address (and a /24) other than the honest nodes' 127.0.0.1.
   */
  RawPeer(P2pNode target, String localIp) throws IOException {
    this(target, localIp, 0);
  }

  /** As above; a positive {@code receiveBuffer} shrinks the socket's receive window. */
  RawPeer(P2pNode target, String localIp, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.bind(new InetSocketAddress(localIp, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", target.localAddress().getPort()));
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void send(int type, byte[] payload) throws IOException {
    sendRaw(frameBytes(type, payload));
  }

  /** Sends a frame with {@code flags} set, whatever was negotiated. */
  void send(int type, int flags, byte[] payload) throws IOException {
    sendRaw(frameBytes(type, flags, payload));
  }

  static byte[] frameBytes(int type, byte[] payload) {
    return frameBytes(type, 0, payload);
  }

  static byte[] frameBytes(int type, int flags, byte[] payload) {
    ByteBuffer frame =
        ByteBuffer.allocate(Frame.HEADER_SIZE + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    frame.putInt(Frame.TYPE_AND_FLAGS + payload.length).put((byte) type).put((byte) flags);
    return frame.put(payload).array();
  }

  Frame read() throws IOException {
    byte[] header = new byte[Frame.HEADER_SIZE];
    in.readFully(header);
    ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    int length = h.getInt();
    int type = h.get() & 0xFF;
    int flags = h.get() & 0xFF;
    byte[] payload = new byte[length - Frame.TYPE_AND_FLAGS];
    in.readFully(payload);
    return new Frame(type, flags, payload);
  }

  /** Reads (and ignores) frames until the node closes the connection; false on read timeout. */
  boolean awaitClosedByNode() throws IOException {
    try {
      while (true) {
        read();
      }
    } catch (EOFException | SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  /** What the node sent first: its HELLO. */
  Hello readHello() throws IOException {
    Frame f = read();
    if (f.type() != ControlMessages.HELLO) {
      throw new IOException("expected hello, got type " + f.type());
    }
    return ControlMessages.HELLO_CODEC.decode(f.payload());
  }

  /** Sends a HELLO with the given fields and returns our nonce. */
  byte[] sendHello(KeyPair key, long magic, long version, Hash32 genesis) throws IOException {
    return sendHello(key, magic, version, genesis, ControlMessages.NO_FEATURES);
  }

  /**
   * As above; with {@code features} the HELLO is a version-3 one announcing them, otherwise a
   * version-1 one as an older node sends.
   */
  byte[] sendHello(KeyPair key, long magic, long version, Hash32 genesis, long features)
      throws IOException {
    byte[] nonce = new byte[ControlMessages.NONCE_SIZE];
    nonce[0] = 42;
    Hello hello =
        new Hello(
            magic,
            version,
            genesis,
            key.publicKey(),
            new PeerAddress("127.0.0.1", 9),
            0,
            nonce,
            features == ControlMessages.NO_FEATURES
                ? ControlMessages.NO_WALL_CLOCK
                : System.currentTimeMillis(),
            features);
    send(ControlMessages.HELLO, ControlMessages.HELLO_CODEC.encode(hello));
    return nonce;
  }

  /**
   * Completes a handshake as {@code key}; with {@code forge} the signature is made by another key.
   */
  void handshake(KeyPair key, KeyPair signer) throws IOException {
    handshake(key, signer, null);
  }

  /** As above; a non-null {@code verifier} replaces the node's key in the signed bytes. */
  void handshake(KeyPair key, KeyPair signer, PublicKey verifier) throws IOException {
    Hello theirs = readHello();
    byte[] ourNonce = sendHello(key, TestNet.MAGIC, P2pConfig.PROTOCOL_VERSION, TestNet.GENESIS);
    PublicKey signedFor = verifier == null ? theirs.nodeKey() : verifier;
    byte[] signature =
        signer.sign(
            ControlMessages.authBytes(theirs.nonce(), ourNonce, TestNet.GENESIS, signedFor));
    send(ControlMessages.AUTH, ControlMessages.AUTH_CODEC.encode(new Auth(signature)));
  }

  /** A complete, valid handshake; returns once the node's AUTH has arrived. */
  void handshake(KeyPair key) throws IOException {
    handshake(key, key);
    expectAuth();
  }

  /**
   * A complete, valid handshake announcing {@code features}; returns the node's HELLO once its AUTH
   * has arrived.
   */
  Hello handshakeAnnouncing(KeyPair key, long features) throws IOException {
    Hello theirs = readHello();
    byte[] ourNonce =
        sendHello(key, TestNet.MAGIC, P2pConfig.PROTOCOL_VERSION, TestNet.GENESIS, features);
    byte[] signature =
        key.sign(
            ControlMessages.authBytes(theirs.nonce(), ourNonce, TestNet.GENESIS, theirs.nodeKey()));
    send(ControlMessages.AUTH, ControlMessages.AUTH_CODEC.encode(new Auth(signature)));
    expectAuth();
    return theirs;
  }

  /** Reads frames until one of {@code type} arrives, skipping keep-alive and peer exchange. */
  Frame readUntil(int type) throws IOException {
    while (true) {
      Frame f = read();
      if (f.type() == type) {
        return f;
      }
    }
  }

  private void expectAuth() throws IOException {
    Frame auth = read();
    if (auth.type() != ControlMessages.AUTH) {
      throw new IOException("expected auth, got type " + auth.type());
    }
  }

  /**
   * A valid handshake whose AUTH and a following frame leave in one write, so they arrive together
   * before the node has checked the AUTH.
   */
  void handshakeFollowedBy(KeyPair key, int type, byte[] payload) throws IOException {
    Hello theirs = readHello();
    byte[] ourNonce = sendHello(key, TestNet.MAGIC, P2pConfig.PROTOCOL_VERSION, TestNet.GENESIS);
    byte[] signature =
        key.sign(
            ControlMessages.authBytes(theirs.nonce(), ourNonce, TestNet.GENESIS, theirs.nodeKey()));
    byte[] auth =
        frameBytes(ControlMessages.AUTH, ControlMessages.AUTH_CODEC.encode(new Auth(signature)));
    byte[] next = frameBytes(type, payload);
    byte[] both = new byte[auth.length + next.length];
    System.arraycopy(auth, 0, both, 0, auth.length);
    System.arraycopy(next, 0, both, auth.length, next.length);
    sendRaw(both);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
