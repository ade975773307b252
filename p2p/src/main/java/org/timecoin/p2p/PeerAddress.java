package org.timecoin.p2p;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/** A dialable listen address: a host name or IP literal and a TCP port. */
public record PeerAddress(String host, int port) {
  static final int MAX_HOST_LENGTH = 255;

  /** u32-length-prefixed ASCII host, then u16 port. */
  public static final Codec<PeerAddress> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, PeerAddress value) {
          out.bytes(value.host.getBytes(StandardCharsets.US_ASCII)).u16(value.port);
        }

        @Override
        public PeerAddress read(ByteReader in) {
          String host = new String(in.bytes(MAX_HOST_LENGTH), StandardCharsets.US_ASCII);
          int port = in.u16();
          try {
            return new PeerAddress(host, port);
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
        }
      };

  public PeerAddress {
    if (host == null || host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
      throw new IllegalArgumentException("bad host: " + host);
    }
    // Host names and IP literals are printable ASCII; anything else has no canonical encoding.
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException("host has a non-printable or non-ASCII character");
      }
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("bad port: " + port);
    }
  }

  /** Parses {@code host:port}; IPv6 literals go in brackets, {@code [::1]:24100}. */
  public static PeerAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected host:port, got " + text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new PeerAddress(host, Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in " + text, e);
    }
  }

  public InetSocketAddress toSocketAddress() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
