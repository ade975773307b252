package org.timecoin.p2p;

/**
 * Why a connection, frame or message from a peer was refused. Each reason says what happens to the
 * connection and how many misbehaviour points the sender earns (its IP alone until its node key has
 * signed the handshake, see {@link BanList}); reaching {@link P2pConfig#banThreshold()} points bans
 * the address for {@link P2pConfig#banDuration()}.
 */
public enum RejectReason {
  // Framing and decoding: a correct peer never sends these.
  MALFORMED_FRAME(true, 100),
  OVERSIZE_FRAME(true, 100),
  UNKNOWN_MESSAGE_TYPE(true, 50),
  MALFORMED_MESSAGE(true, 100),
  UNEXPECTED_MESSAGE(true, 50),
  // Handshake.
  BAD_SIGNATURE(true, 100),
  WRONG_MAGIC(true, 0),
  WRONG_GENESIS(true, 0),
  WRONG_VERSION(true, 0),
  SELF_CONNECTION(true, 0),
  DUPLICATE_PEER(true, 0),
  HANDSHAKE_TIMEOUT(true, 10),
  // Admission.
  BANNED(true, 0),
  INBOUND_LIMIT(true, 0),
  INBOUND_IP_LIMIT(true, 0),
  INBOUND_SUBNET_LIMIT(true, 0),
  SHUTTING_DOWN(true, 0),
  // Liveness and flow control.
  PEER_TIMEOUT(true, 0),
  RATE_LIMITED(false, 1),
  SEND_QUEUE_FULL(false, 0),
  /** The peer stopped reading: its connection stayed unwritable, or its control lane filled. */
  SEND_STALLED(true, 0),
  /** An ADDR naming many host names: addresses travel as IP literals only. */
  ADDR_HOST_NAMES(false, 10),
  DELIVERY_ON_EVENT_LOOP(false, 0);

  private final boolean disconnects;
  private final int penalty;

  RejectReason(boolean disconnects, int penalty) {
    this.disconnects = disconnects;
    this.penalty = penalty;
  }

  /** True when the connection is closed for this reason; otherwise only the message is dropped. */
  public boolean disconnects() {
    return disconnects;
  }

  /** Misbehaviour points added to the sender's address. */
  public int penalty() {
    return penalty;
  }
}
