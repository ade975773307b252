package org.timecoin.node.mempool;

import org.timecoin.common.Hash32;

/**
 * What the mempool did with a transaction: admitted, or refused with a short code (Bitcoin-style,
 * e.g. {@code txn-mempool-conflict}, or a validation rule such as {@code fee-too-low}) and a
 * detail.
 */
public record AdmitResult(boolean admitted, Hash32 txid, String code, String detail) {
  public static final String ALREADY_KNOWN = "txn-already-in-mempool";
  public static final String CONFLICT = "txn-mempool-conflict";
  public static final String FULL = "mempool-full";
  public static final String STALE = "inputs-changed";
  public static final String BUSY = "mempool-busy";

  static AdmitResult admitted(Hash32 txid) {
    return new AdmitResult(true, txid, null, null);
  }

  static AdmitResult rejected(Hash32 txid, String code, String detail) {
    return new AdmitResult(false, txid, code, detail);
  }

  @Override
  public String toString() {
    return admitted ? "admitted " + txid : "rejected " + txid + " " + code + ": " + detail;
  }
}
