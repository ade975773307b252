package org.timecoin.rpc.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.validation.CoinbaseRule;
import org.timecoin.domain.validation.Issuance;

/**
 * The coinbase a block must pay, recomputed from what a client sees over RPC: the block's and its
 * parent's timestamps ({@link Issuance}), the set of its height from the registry's entered and
 * leaving heights, its active members from the heartbeat history, and the split of {@link
 * CoinbaseRule}. Only for blocks that carry no fee (the coinbase alone).
 */
final class CoinbaseCheck {
  private final ConsensusParams params;
  private final JsonNode masternodes;
  private final Map<String, Set<Long>> signed = new HashMap<>();

  /**
   * @param masternodes the {@code masternodelist} answer
   * @param heartbeats per operator key, its {@code getheartbeathistory} answer
   */
  CoinbaseCheck(ConsensusParams params, JsonNode masternodes, Map<String, JsonNode> heartbeats) {
    this.params = params;
    this.masternodes = masternodes;
    heartbeats.forEach(
        (key, h) -> {
          Set<Long> heights = new HashSet<>();
          h.path("signed").forEach(n -> heights.add(n.asLong()));
          signed.put(key, heights);
        });
  }

  /** The outputs block {@code h} must pay, as (value, address text) pairs. */
  List<TxOut> expected(JsonNode block, JsonNode parent) {
    long h = block.get("height").asLong();
    if (block.get("nTx").asInt() != 1) {
      throw new IllegalArgumentException("block " + h + " carries fees; pick a coinbase-only one");
    }
    List<Validator> members = new ArrayList<>();
    Set<PublicKey> active = new HashSet<>();
    for (JsonNode m : masternodes) {
      if (!inSetAt(m, h)) {
        continue;
      }
      PublicKey key = key(m.get("operator_key").asText());
      members.add(
          new Validator(
              key,
              m.get("voting_power").asLong(),
              Tier.valueOf(m.get("tier").asText().toUpperCase(Locale.ROOT)),
              address(m.get("reward_address").asText())));
      if (activeAt(m, h)) {
        active.add(key);
      }
    }
    long reward = Issuance.reward(params, parent.get("time").asLong(), block.get("time").asLong());
    return CoinbaseRule.outputs(
        reward, new ValidatorSet(members), active, key(block.get("proposer").asText()));
  }

  /** The outputs the block's coinbase pays, as shown by {@code getblock h 2}. */
  static List<TxOut> paid(JsonNode block) {
    List<TxOut> outs = new ArrayList<>();
    for (JsonNode o : block.get("tx").get(0).get("vout")) {
      outs.add(new TxOut(o.get("value").asLong(), address(o.get("address").asText())));
    }
    return outs;
  }

  /** In the set of height h: entered at or before h, and not past the boundary it left at. */
  private boolean inSetAt(JsonNode m, long h) {
    long entered = m.get("entered_height").asLong();
    if (entered < 1 || entered > h) {
      return false;
    }
    long leaving = m.get("leaving_height").asLong();
    if (leaving < 0) {
      return true;
    }
    long e = params.epochBlocks();
    long leftAt = ((leaving - 1) / e + 2) * e + 1;
    return h < leftAt;
  }

  /** Signed one of the inactivityBlocks heights before h, or entered less than that before it. */
  private boolean activeAt(JsonNode m, long h) {
    long n = params.inactivityBlocks();
    if (h - m.get("entered_height").asLong() < n) {
      return true;
    }
    Set<Long> heights = signed.getOrDefault(m.get("operator_key").asText(), Set.of());
    for (long s = h - n; s < h; s++) {
      if (heights.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static Address address(String text) {
    try {
      return Address.parse(text, Network.TESTNET);
    } catch (AddressFormatException e) {
      throw new IllegalArgumentException("not a testnet address: " + text, e);
    }
  }

  private static PublicKey key(String hex) {
    return PublicKey.of(HexFormat.of().parseHex(hex));
  }
}
