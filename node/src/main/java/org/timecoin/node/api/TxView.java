package org.timecoin.node.api;

import java.util.List;

/** A transaction as shown to clients. */
public record TxView(
    String txid, boolean coinbase, int size, List<InputView> inputs, List<OutputView> outputs) {

  /** A spent outpoint. */
  public record InputView(String txid, int index, String pubKey) {}

  /** A created output: amount in units and the address text. */
  public record OutputView(int index, long amount, String address) {}
}
