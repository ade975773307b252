package org.timecoin.node.chainspec;

import java.util.regex.Pattern;

/**
 * Whether a seed's host is an IPv4 literal, an IPv6 literal or a DNS name (RFC 1123 labels), read
 * without resolving anything.
 */
final class SeedHost {
  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
  static final int MAX_NAME_LENGTH = 253;

  private SeedHost() {}

  /** Null when {@code host} is usable, else what is wrong with it. */
  static String problem(String host) {
    if (host.indexOf(':') >= 0) {
      return IPV6.matcher(host).matches() && host.chars().filter(c -> c == ':').count() >= 2
          ? null
          : "is not a valid IPv6 address";
    }
    if (host.length() > MAX_NAME_LENGTH) {
      return "is longer than " + MAX_NAME_LENGTH + " characters";
    }
    String[] labels = host.split("\\.", -1);
    boolean numeric = true;
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return "is neither an IP address nor a DNS name";
      }
      numeric &= label.chars().allMatch(Character::isDigit);
    }
    if (numeric) {
      return validIpv4(labels) ? null : "is not a valid IPv4 address";
    }
    return null;
  }

  private static boolean validIpv4(String[] parts) {
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.length() > 3 || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
