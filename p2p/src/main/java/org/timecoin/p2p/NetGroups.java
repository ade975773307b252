package org.timecoin.p2p;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Network groups: the prefixes one operator is likely to hold many addresses of, so limits and
 * address-book buckets count per group rather than per address. Nothing here resolves a name.
 */
final class NetGroups {
  private NetGroups() {}

  /** The IP of an IP literal, or null for anything else (a host name is never looked up). */
  static InetAddress literal(String host) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null; // only thrown for a wrong length, which the parser never returns
    }
  }

  /** The subnet inbound limits count: /24 for IPv4, /48 for IPv6. */
  static String subnet(InetAddress ip) {
    return prefix(ip, 24, 48);
  }

  /**
   * The group address-book buckets are keyed by: /16 for IPv4, /32 for IPv6 (as Bitcoin Core); a
   * host name (only ever from our own configuration) is a group of its own.
   */
  static String bookGroup(String host) {
    InetAddress ip = literal(host);
    return ip == null ? "name:" + host.toLowerCase(Locale.ROOT) : bookGroup(ip);
  }

  static String bookGroup(InetAddress ip) {
    return prefix(ip, 16, 32);
  }

  /** Whether an address from a peer's ADDR is worth keeping: a unicast IP literal. */
  static boolean isShareable(InetAddress ip) {
    return !ip.isAnyLocalAddress() && !ip.isMulticastAddress();
  }

  private static String prefix(InetAddress ip, int v4Bits, int v6Bits) {
    byte[] a = ip.getAddress();
    boolean v4 = ip instanceof Inet4Address;
    int bits = v4 ? v4Bits : v6Bits;
    byte[] p = Arrays.copyOf(a, bits / 8);
    return (v4 ? "4:" : "6:") + HexFormat.of().formatHex(p);
  }
}
