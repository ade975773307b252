package org.timecoin.domain.tx;

/** The network an address belongs to, told apart by the text prefix of its addresses. */
public enum Network {
  TESTNET("TIME0"),
  MAINNET("TIME1");

  private final String addressPrefix;

  Network(String addressPrefix) {
    this.addressPrefix = addressPrefix;
  }

  public String addressPrefix() {
    return addressPrefix;
  }
}
