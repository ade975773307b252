package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.str;

import java.nio.file.Path;
import java.util.Optional;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;

/**
 * {@code [masternode]}: when enabled, the operator key signs proposals and votes at the heights
 * whose validator set holds it (a genesis validator, or a registered masternode from the epoch it
 * enters) and follows the chain as a full node at the others; otherwise the node only follows. The
 * operator key is the node key unless {@code operator_key_file} names another key file (same
 * format, mode 600). {@code reward_address} is where {@code registermasternode} sends rewards when
 * it is given none.
 */
public record MasternodeSection(boolean enabled, String operatorKeyFile, String rewardAddress) {

  public MasternodeSection(boolean enabled, String rewardAddress) {
    this(enabled, "", rewardAddress);
  }

  public static MasternodeSection defaults() {
    return new MasternodeSection(false, "", "");
  }

  static MasternodeSection read(TomlTable t, NetworkName net) {
    MasternodeSection d = defaults();
    String keyFile = t.string("operator_key_file", d.operatorKeyFile);
    if (!keyFile.isEmpty() && keyFile.isBlank()) {
      throw t.invalid("operator_key_file", "must be a path, or \"\" for the node key");
    }
    String reward = t.string("reward_address", d.rewardAddress);
    if (!reward.isEmpty()) {
      Network network = net == NetworkName.MAINNET ? Network.MAINNET : Network.TESTNET;
      try {
        Address.parse(reward, network);
      } catch (AddressFormatException e) {
        throw t.invalid(
            "reward_address",
            "= \""
                + shortText(reward)
                + "\" is not an address of "
                + net.text()
                + ": "
                + e.getMessage());
      }
    }
    MasternodeSection s = new MasternodeSection(t.bool("enabled", d.enabled), keyFile, reward);
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("masternode", "Masternode mode.")
        .key(
            "enabled",
            bool(enabled),
            "Sign proposals and votes with the operator key while a validator set holds it")
        .key(
            "operator_key_file",
            str(operatorKeyFile),
            "Key file of the operator key (relative to this file); empty: the node key")
        .key(
            "reward_address",
            str(rewardAddress),
            "Default reward address of registermasternode; empty: the collateral's address");
  }

  public MasternodeSection withEnabled(boolean on) {
    return new MasternodeSection(on, operatorKeyFile, rewardAddress);
  }

  /** The operator key file, resolved against {@code baseDir}; empty when the node key is used. */
  public Optional<Path> operatorKeyPath(Path baseDir) {
    return operatorKeyFile.isEmpty()
        ? Optional.empty()
        : Optional.of(baseDir.resolve(operatorKeyFile));
  }

  /** The default reward address, parsed; empty when none is configured. */
  public Optional<Address> reward() {
    try {
      return rewardAddress.isEmpty() ? Optional.empty() : Optional.of(Address.parse(rewardAddress));
    } catch (AddressFormatException e) {
      throw new ConfigException("[masternode] reward_address: " + e.getMessage(), e);
    }
  }

  private static String shortText(String text) {
    return text.length() <= 48 ? text : text.substring(0, 48) + "...";
  }
}
