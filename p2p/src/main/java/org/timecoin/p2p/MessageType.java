package org.timecoin.p2p;

import org.timecoin.common.codec.Codec;

/**
 * A message type that a higher layer (consensus, mempool, block sync, state check) puts on the
 * wire. p2p knows only the id, the codec and how to treat the type, never what the message means.
 *
 * @param id the frame type byte, {@link MessageRegistry#FIRST_APPLICATION_TYPE} to 255 (lower ids
 *     belong to p2p itself)
 * @param deduplicated when true, a payload already seen (by hash, from any peer or sent by us) is
 *     not delivered again: for gossip such as votes and transactions; request/response types leave
 *     it false
 * @param rateLimit per peer; messages above it are dropped and count as minor misbehaviour
 */
public record MessageType<T>(
    int id, String name, Codec<T> codec, boolean deduplicated, RateLimit rateLimit) {
  public MessageType {
    if (id < MessageRegistry.FIRST_APPLICATION_TYPE || id > 255) {
      throw new IllegalArgumentException(
          "message type id " + id + " outside " + MessageRegistry.FIRST_APPLICATION_TYPE + "..255");
    }
    if (name == null || codec == null || rateLimit == null) {
      throw new NullPointerException("message type needs name, codec and rate limit");
    }
  }

  /** A point-to-point type: no deduplication, no rate limit. */
  public static <T> MessageType<T> direct(int id, String name, Codec<T> codec) {
    return new MessageType<>(id, name, codec, false, RateLimit.UNLIMITED);
  }

  /** A gossip type: deduplicated by payload hash, no rate limit. */
  public static <T> MessageType<T> gossip(int id, String name, Codec<T> codec) {
    return new MessageType<>(id, name, codec, true, RateLimit.UNLIMITED);
  }

  public MessageType<T> withRateLimit(RateLimit limit) {
    return new MessageType<>(id, name, codec, deduplicated, limit);
  }

  @Override
  public String toString() {
    return name + "(" + id + ")";
  }
}
