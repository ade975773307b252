package org.timecoin.node;

import java.util.Locale;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.api.AddressCheck;

/**
 * What validateaddress says of an address text: the network its prefix names, whether it is valid
 * for this node's network, and if not why. Reasons never repeat the text, which a client chose.
 */
final class AddressChecks {
  private AddressChecks() {}

  static AddressCheck check(String text, Network ours) {
    Network theirs;
    try {
      theirs = Address.networkOf(text);
    } catch (AddressFormatException e) {
      return new AddressCheck(
          false, null, null, "address must start with TIME0 (testnet) or TIME1 (mainnet)");
    }
    try {
      Address.parse(text, theirs);
    } catch (AddressFormatException e) {
      return new AddressCheck(false, null, name(theirs), reason(e.reason()));
    }
    if (theirs != ours) {
      return new AddressCheck(
          false,
          text,
          name(theirs),
          "address is for " + name(theirs) + " but this node runs " + name(ours));
    }
    return new AddressCheck(true, text, name(theirs), null);
  }

  static String name(Network n) {
    return n.name().toLowerCase(Locale.ROOT);
  }

  private static String reason(AddressFormatException.Reason r) {
    return switch (r) {
      case BAD_CHECKSUM -> "checksum does not match (mistyped or truncated?)";
      case BAD_CHARACTER -> "holds a character outside base58 (no 0, O, I or l)";
      case BAD_LENGTH -> "wrong length: an address holds 20 bytes and a 4-byte checksum";
      case BAD_PREFIX -> "address must start with TIME0 (testnet) or TIME1 (mainnet)";
    };
  }
}
