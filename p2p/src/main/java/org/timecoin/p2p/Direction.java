package org.timecoin.p2p;

/** Who opened the connection: we dialled (OUTBOUND) or the peer did (INBOUND). */
public enum Direction {
  INBOUND,
  OUTBOUND
}
