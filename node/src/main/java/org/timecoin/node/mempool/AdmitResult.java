package org.timecoin.node.mempool;

import org.timecoin.common.Hash32;

/**
 * What the mempool did with a transaction: admitted, or refused with a short code (Bitcoin-style,
 * e.g. {@code txn-mempool-conflict}, or a validation rule such as {@code fee-too-low}), a detail,
 * and whose fault the refusal is, so the relay path can charge the peer that sent it.
 */
public record AdmitResult(boolean admitted, Hash32 txid, String code, String detail, Fault fault) {
  public static final String ALREADY_KNOWN = "txn-already-in-mempool";
  public static final String CONFLICT = "txn-mempool-conflict";
  public static final String FULL = "mempool-full";
  public static final String STALE = "inputs-changed";
  public static final String BUSY = "mempool-busy";
  public static final String CONGESTED = "mempool-congested";
  public static final String FEE_RATE_TOO_LOW = "min-fee-rate-not-met";
  public static final String UNWANTED = "sender-misbehaved";

  /** Whose doing a refusal is. */
  public enum Fault {
    /**
     * Nobody's: the node is busy or full, already has it, or it may become valid or was valid a
     * moment ago (inputs not yet known, a conflict with a waiting transaction, an output spent by a
     * block the sender may not have had yet, a fee rate below this node's own floor).
     */
    NONE,
    /** Spends an output the chain spent long enough ago that any relayer knew it. */
    SPENDS_SPENT,
    /**
     * Invalid whatever the chain does: structure, ownership, amounts, consensus fee or signature.
     * An honest node verifies all of these before it relays.
     */
    INVALID
  }

  static AdmitResult admitted(Hash32 txid) {
    return new AdmitResult(true, txid, null, null, Fault.NONE);
  }

  static AdmitResult rejected(Hash32 txid, String code, String detail) {
    return new AdmitResult(false, txid, code, detail, Fault.NONE);
  }

  static AdmitResult rejected(Hash32 txid, String code, String detail, Fault fault) {
    return new AdmitResult(false, txid, code, detail, fault);
  }

  /** Whether the peer that relayed it misbehaved by doing so. */
  public boolean blamesSender() {
    return fault != Fault.NONE;
  }

  @Override
  public String toString() {
    return admitted
        ? "admitted " + txid
        : "rejected "
            + txid
            + " "
            + code
            + ": "
            + detail
            + (blamesSender() ? " (" + fault + ")" : "");
  }
}
