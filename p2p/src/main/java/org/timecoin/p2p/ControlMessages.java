package org.timecoin.p2p;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.Ed25519;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The messages p2p itself speaks (types below {@link MessageRegistry#FIRST_APPLICATION_TYPE}).
 * Every payload starts with a u8 message version, so a layout can change without a new type id; a
 * version we do not know is a malformed message.
 */
final class ControlMessages {
  static final int HELLO = 0x01;
  static final int AUTH = 0x02;
  static final int PING = 0x03;
  static final int PONG = 0x04;
  static final int GETADDR = 0x05;
  static final int ADDR = 0x06;

  static final int MESSAGE_VERSION = 1;

  /** HELLO version 2 appends the sender's wall clock; version 1 (without it) is still read. */
  static final int HELLO_CLOCK_VERSION = 2;

  /**
   * HELLO version 3 appends the sender's feature bits (u64) to version 2. A HELLO is written in the
   * lowest version that carries its fields, so a node announcing no feature sends version 2, which
   * nodes that read only versions 1 and 2 understand.
   */
  static final int HELLO_VERSION = 3;

  /** Feature bit: the sender reads frames flagged {@link Frame#FLAG_LZ4}. */
  static final long FEATURE_LZ4 = 1L;

  /** The features of a HELLO below version 3. */
  static final long NO_FEATURES = 0;

  /** The wall clock of a version-1 HELLO, which does not carry one. */
  static final long NO_WALL_CLOCK = -1;

  static final int NONCE_SIZE = 32;
  static final int MAX_ADDRESSES = 1000;

  /**
   * Largest frame (type, flags, payload) accepted before the handshake completes: HELLO and AUTH
   * need well under 1 KiB.
   */
  static final int HANDSHAKE_FRAME_LIMIT = 4 * 1024;

  private ControlMessages() {}

  /** First handshake message, sent by both sides as soon as the connection is up. */
  record Hello(
      long magic,
      long protocolVersion,
      Hash32 genesisHash,
      PublicKey nodeKey,
      PeerAddress listenAddress,
      long bestHeight,
      byte[] nonce,
      long wallMillis,
      long features) {

    /** A HELLO without feature bits, as nodes before version 3 send it. */
    Hello(
        long magic,
        long protocolVersion,
        Hash32 genesisHash,
        PublicKey nodeKey,
        PeerAddress listenAddress,
        long bestHeight,
        byte[] nonce,
        long wallMillis) {
      this(
          magic,
          protocolVersion,
          genesisHash,
          nodeKey,
          listenAddress,
          bestHeight,
          nonce,
          wallMillis,
          NO_FEATURES);
    }

    boolean supports(long feature) {
      return (features & feature) == feature;
    }
  }

  /** Second handshake message: a signature over {@link #authBytes}. */
  record Auth(byte[] signature) {}

  /** Keep-alive probe; the height lets peers track each other's progress for free. */
  record Ping(long nonce, long bestHeight) {}

  record Pong(long nonce, long bestHeight) {}

  record GetAddr() {}

  record Addr(List<PeerAddress> addresses) {}

  private static final byte[] AUTH_DOMAIN = "TIME-P2P-HANDSHAKE-V1".getBytes();

  /**
   * What a node signs to prove it holds its key: the verifier's nonce makes the signature fresh,
   * the signer's own nonce and the genesis hash bind it to this connection and this chain, and the
   * verifier's key says whom it was meant for, so a node in the middle cannot pass one node's
   * signature to a third node as its own proof of that identity.
   */
  static byte[] authBytes(
      byte[] verifierNonce, byte[] signerNonce, Hash32 genesisHash, PublicKey verifierKey) {
    ByteWriter out = new ByteWriter(AUTH_DOMAIN.length + 2 * NONCE_SIZE + 2 * Hash32.SIZE);
    out.raw(AUTH_DOMAIN).raw(verifierNonce).raw(signerNonce).hash(genesisHash);
    PublicKey.CODEC.write(out, verifierKey);
    return out.toByteArray();
  }

  private static void readVersion(ByteReader in, String what) {
    int version = in.u8();
    if (version != MESSAGE_VERSION) {
      throw new CodecException(what + " message version " + version + " is not supported");
    }
  }

  static final Codec<Hello> HELLO_CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Hello h) {
          boolean withClock = h.wallMillis() != NO_WALL_CLOCK;
          boolean withFeatures = h.features() != NO_FEATURES;
          if (withFeatures && !withClock) {
            throw new IllegalArgumentException("a hello with features carries a wall clock");
          }
          int version =
              withFeatures ? HELLO_VERSION : withClock ? HELLO_CLOCK_VERSION : MESSAGE_VERSION;
          out.u8(version);
          out.u32(h.magic()).u32(h.protocolVersion()).hash(h.genesisHash());
          PublicKey.CODEC.write(out, h.nodeKey());
          PeerAddress.CODEC.write(out, h.listenAddress());
          out.u64(h.bestHeight()).raw(h.nonce());
          if (withClock) {
            out.u64(h.wallMillis());
          }
          if (withFeatures) {
            out.u64(h.features());
          }
        }

        @Override
        public Hello read(ByteReader in) {
          int version = in.u8();
          if (version < MESSAGE_VERSION || version > HELLO_VERSION) {
            throw new CodecException("hello message version " + version + " is not supported");
          }
          long magic = in.u32();
          long protocol = in.u32();
          Hash32 genesis = in.hash();
          PublicKey key = PublicKey.CODEC.read(in);
          PeerAddress listen = PeerAddress.CODEC.read(in);
          long height = in.u64();
          byte[] nonce = in.raw(NONCE_SIZE);
          long wall = version >= HELLO_CLOCK_VERSION ? in.u64() : NO_WALL_CLOCK;
          if (version >= HELLO_CLOCK_VERSION && wall < 0) {
            throw new CodecException("hello wall clock out of range");
          }
          // Bits we do not know are features of later nodes: ignored, not refused.
          long features = version >= HELLO_VERSION ? in.u64() : NO_FEATURES;
          if (version >= HELLO_VERSION && features == NO_FEATURES) {
            // Written as version 2; accepting both would give one HELLO two encodings.
            throw new CodecException("hello version 3 without features");
          }
          return new Hello(magic, protocol, genesis, key, listen, height, nonce, wall, features);
        }
      };

  static final Codec<Auth> AUTH_CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Auth a) {
          out.u8(MESSAGE_VERSION).raw(a.signature());
        }

        @Override
        public Auth read(ByteReader in) {
          readVersion(in, "auth");
          return new Auth(in.raw(Ed25519.SIGNATURE_SIZE));
        }
      };

  static final Codec<Ping> PING_CODEC =
      nonceAndHeight("ping", Ping::new, Ping::nonce, Ping::bestHeight);

  static final Codec<Pong> PONG_CODEC =
      nonceAndHeight("pong", Pong::new, Pong::nonce, Pong::bestHeight);

  /** PING and PONG share one layout: version, nonce u64, best height u64. */
  private static <T> Codec<T> nonceAndHeight(
      String what,
      BiFunction<Long, Long, T> make,
      ToLongFunction<T> nonce,
      ToLongFunction<T> height) {
    return new Codec<>() {
      @Override
      public void write(ByteWriter out, T value) {
        out.u8(MESSAGE_VERSION).u64(nonce.applyAsLong(value)).u64(height.applyAsLong(value));
      }

      @Override
      public T read(ByteReader in) {
        readVersion(in, what);
        return make.apply(in.u64(), in.u64());
      }
    };
  }

  static final Codec<GetAddr> GETADDR_CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GetAddr g) {
          out.u8(MESSAGE_VERSION);
        }

        @Override
        public GetAddr read(ByteReader in) {
          readVersion(in, "getaddr");
          return new GetAddr();
        }
      };

  static final Codec<Addr> ADDR_CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Addr a) {
          out.u8(MESSAGE_VERSION).list(a.addresses(), PeerAddress.CODEC::write);
        }

        @Override
        public Addr read(ByteReader in) {
          readVersion(in, "addr");
          return new Addr(in.list(MAX_ADDRESSES, PeerAddress.CODEC::read));
        }
      };
}
