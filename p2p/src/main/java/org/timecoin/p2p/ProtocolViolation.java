package org.timecoin.p2p;

/**
 * A pipeline event raised instead of an exception when a peer sends bytes we refuse, so bad input
 * never throws through the event loop; the peer handler counts it and answers it.
 */
record ProtocolViolation(RejectReason reason, String detail) {}
