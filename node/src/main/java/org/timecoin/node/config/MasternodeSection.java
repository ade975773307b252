package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.str;

/**
 * {@code [masternode]}: when enabled, the node key signs proposals and votes at the heights whose
 * validator set holds it (a genesis validator, or a registered masternode from the epoch it enters)
 * and follows the chain as a full node at the others. Otherwise the node only follows.
 */
public record MasternodeSection(boolean enabled, String rewardAddress) {

  public static MasternodeSection defaults() {
    return new MasternodeSection(false, "");
  }

  static MasternodeSection read(TomlTable t) {
    MasternodeSection d = defaults();
    MasternodeSection s =
        new MasternodeSection(
            t.bool("enabled", d.enabled), t.string("reward_address", d.rewardAddress));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("masternode", "Validator (masternode) mode.")
        .key("enabled", bool(enabled), "Take part in consensus with the node key")
        .key(
            "reward_address",
            str(rewardAddress),
            "Informational: rewards go to the genesis address");
  }

  public MasternodeSection withEnabled(boolean on) {
    return new MasternodeSection(on, rewardAddress);
  }
}
