package org.timecoin.rpc.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses what a web page could send from the operator's browser: a request whose Host is not this
 * server (DNS rebinding), one carrying an Origin that is not configured (a cross-site POST), and
 * any body that is not declared {@code application/json} (a "simple" request a page may send
 * without asking the server first).
 */
final class RequestGate {
  /** Why a request is refused, and how to answer it. */
  record Refusal(HttpResponseStatus status, int code, String message) {}

  private final int port;
  private final Set<String> hosts = new HashSet<>();
  private final Set<String> hostPorts = new HashSet<>();
  private final Set<String> origins = new HashSet<>();

  RequestGate(
      String bindAddress, int port, List<String> allowedHosts, List<String> allowedOrigins) {
    this.port = port;
    hosts.add(normalize(bindAddress));
    if (isLoopbackOrAny(bindAddress)) {
      hosts.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
    }
    for (String h : allowedHosts) {
      String n = h.toLowerCase(Locale.ROOT);
      (hasPort(n) ? hostPorts : hosts).add(n);
    }
    for (String o : allowedOrigins) {
      origins.add(o.toLowerCase(Locale.ROOT));
    }
  }

  /** The refusal of a request with these headers, or null when it may proceed. */
  Refusal check(HttpHeaders headers) {
    String host = headers.get(HttpHeaderNames.HOST);
    if (host == null || !hostAllowed(host.strip().toLowerCase(Locale.ROOT))) {
      return new Refusal(
          HttpResponseStatus.FORBIDDEN,
          RpcErrorCodes.FORBIDDEN,
          "Host header does not name this server; add the name to [rpc] allowed_hosts");
    }
    String origin = headers.get(HttpHeaderNames.ORIGIN);
    if (origin != null && !origins.contains(origin.strip().toLowerCase(Locale.ROOT))) {
      return new Refusal(
          HttpResponseStatus.FORBIDDEN,
          RpcErrorCodes.FORBIDDEN,
          "Origin not allowed; add it to [rpc] allowed_origins");
    }
    return null;
  }

  /** The refusal of a body not declared as JSON, or null. Checked after authentication. */
  Refusal checkContentType(HttpHeaders headers) {
    String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
    if (type == null || !isJson(type)) {
      return new Refusal(
          HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          RpcErrorCodes.INVALID_REQUEST,
          "Content-Type must be application/json");
    }
    return null;
  }

  static boolean isJson(String contentType) {
    String[] parts = contentType.split(";", -1);
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
      if (!p.equals("charset=utf-8")) {
        return false;
      }
    }
    return true;
  }

  private boolean hostAllowed(String host) {
    if (hostPorts.contains(host)) {
      return true;
    }
    int colon = host.lastIndexOf(':');
    String name = host;
    if (colon > host.lastIndexOf(']')) {
      name = host.substring(0, colon);
      // port 0 (tests: any free port) leaves the port unchecked
      if (port != 0 && !host.substring(colon + 1).equals(Integer.toString(port))) {
        return false;
      }
    }
    return hosts.contains(name);
  }

  private static boolean hasPort(String host) {
    int colon = host.lastIndexOf(':');
    if (colon < 0) {
      return false;
    }
    return host.startsWith("[") ? colon > host.indexOf(']') : host.indexOf(':') == colon;
  }

  private static String normalize(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    return a.contains(":") && !a.startsWith("[") ? "[" + a + "]" : a;
  }

  static boolean isLoopbackOrAny(String bindAddress) {
    return isLoopback(bindAddress) || isAny(bindAddress);
  }

  static boolean isLoopback(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isAny(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isAnyLocalAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
