package org.timecoin.domain.masternode;

/**
 * Syntax of a masternode's announced network address: {@code host:port}, at most {@link
 * MasternodeRegistration#MAX_NETWORK_ADDRESS_LENGTH} ASCII characters, where host is a DNS name
 * (labels of letters, digits and inner hyphens), a dotted IPv4 address or a bracketed IPv6 address,
 * and port is 1..65535 in decimal. Nothing is resolved: the address is announced, not trusted.
 */
public final class NetworkAddress {
  private static final int MAX_LABEL = 63;

  private NetworkAddress() {}

  /** Null when {@code text} is a valid address, else what is wrong with it. */
  public static String problem(String text) {
    if (text.length() > MasternodeRegistration.MAX_NETWORK_ADDRESS_LENGTH) {
      return "network address is "
          + text.length()
          + " characters, limit "
          + MasternodeRegistration.MAX_NETWORK_ADDRESS_LENGTH;
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return "network address '" + text + "' is not host:port";
    }
    String host = text.substring(0, colon);
    String port = text.substring(colon + 1);
    if (!isPort(port)) {
      return "network address '" + text + "' has no port in 1..65535";
    }
    boolean hostOk = host.startsWith("[") ? isBracketedIpv6(host) : isHostName(host);
    return hostOk ? null : "network address '" + text + "' has an invalid host '" + host + "'";
  }

  private static boolean isPort(String port) {
    if (port.isEmpty() || port.length() > 5 || port.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < port.length(); i++) {
      if (!isDigit(port.charAt(i))) {
        return false;
      }
    }
    int value = Integer.parseInt(port);
    return value <= 65_535;
  }

  /** DNS labels; a dotted IPv4 address is a special case of this syntax. */
  private static boolean isHostName(String host) {
    if (host.isEmpty()) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty()
          || label.length() > MAX_LABEL
          || label.charAt(0) == '-'
          || label.charAt(label.length() - 1) == '-') {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-')) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isBracketedIpv6(String host) {
    if (host.length() < 4 || !host.endsWith("]")) {
      return false;
    }
    String inner = host.substring(1, host.length() - 1);
    if (!inner.contains(":")) {
      return false;
    }
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      boolean hex = isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!(hex || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
