package org.timecoin.rpc.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 connection the test controls byte by byte: any Host, Origin or Content-Type,
 * pipelined requests, and a reader that may never read.
 */
final class RawHttp implements AutoCloseable {
  final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int port;

  /** A response as read off the wire. */
  record Response(int status, Map<String, String> headers, String body) {}

  RawHttp(int port) throws IOException {
    this.port = port;
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** A POST with the usual headers of a legitimate client; {@code extra} lines replace them. */
  static byte[] post(int port, String auth, String body, String... extra) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("host", "Host: 127.0.0.1:" + port);
    h.put("content-type", "Content-Type: application/json");
    if (auth != null) {
      h.put("authorization", "Authorization: " + auth);
    }
    for (String e : extra) {
      h.put(e.substring(0, e.indexOf(':')).toLowerCase(Locale.ROOT), e);
    }
    h.values().removeIf(v -> v.endsWith(": "));
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder s = new StringBuilder("POST / HTTP/1.1\r\n");
    h.values().forEach(v -> s.append(v).append("\r\n"));
    s.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(s.toString().getBytes(StandardCharsets.US_ASCII));
    all.writeBytes(b);
    return all.toByteArray();
  }

  byte[] post(String auth, String body, String... extra) {
    return post(port, auth, body, extra);
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  Response exchange(String auth, String body, String... extra) throws IOException {
    send(post(auth, body, extra));
    return read();
  }

  /** The next response; throws at end of stream. */
  Response read() throws IOException {
    String status = line();
    if (status == null) {
      throw new IOException("connection closed");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
      int c = l.indexOf(':');
      headers.put(l.substring(0, c).strip().toLowerCase(Locale.ROOT), l.substring(c + 1).strip());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(
        Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the connection (end of stream within the socket timeout). */
  boolean closedByServer() {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
