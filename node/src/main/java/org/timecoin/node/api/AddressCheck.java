package org.timecoin.node.api;

/** Whether an address text parses, and for which network. */
public record AddressCheck(boolean valid, String address, String network, String error) {}
