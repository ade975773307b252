package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;

class MasternodeConfigTest {
  @TempDir Path dir;

  static final String TESTNET_ADDRESS = Address.ofPayload(new byte[20]).toText(Network.TESTNET);
  static final String MAINNET_ADDRESS = Address.ofPayload(new byte[20]).toText(Network.MAINNET);

  @Test
  void defaultsUseTheNodeKeyAndNoRewardAddress() {
    MasternodeSection m = ConfigLoader.parse(dir.resolve("c.toml"), "").masternode();
    assertThat(m.enabled()).isFalse();
    assertThat(m.operatorKeyPath(dir)).isEmpty();
    assertThat(m.reward()).isEmpty();
  }

  @Test
  void readsTheOperatorKeyFileAndRewardAddress() {
    String toml =
        "[masternode]\nenabled = true\noperator_key_file = \"keys/operator.key\"\n"
            + "reward_address = \""
            + TESTNET_ADDRESS
            + "\"\n";
    NodeConfig c = ConfigLoader.parse(dir.resolve("c.toml"), toml);
    MasternodeSection m = c.masternode();
    assertThat(m.enabled()).isTrue();
    assertThat(m.operatorKeyPath(c.baseDir()))
        .contains(dir.toAbsolutePath().resolve("keys/operator.key"));
    assertThat(m.reward()).contains(Address.ofPayload(new byte[20]));
  }

  @Test
  void aMainnetNodeTakesAMainnetRewardAddress() {
    String toml =
        "[node]\nnetwork = \"mainnet\"\n[masternode]\nreward_address = \""
            + MAINNET_ADDRESS
            + "\"\n";
    assertThat(ConfigLoader.parse(dir.resolve("c.toml"), toml).masternode().reward()).isPresent();
  }

  @Test
  void theWrittenFileDocumentsEveryKeyAndReadsBack() {
    NodeConfig c =
        NodeConfig.defaults(dir.toAbsolutePath(), NetworkName.TESTNET)
            .withMasternode(new MasternodeSection(true, "op.key", TESTNET_ADDRESS));
    String text = c.toToml();
    assertThat(text).contains("operator_key_file = \"op.key\"", "reward_address = \"");
    assertThat(ConfigLoader.parse(dir.resolve("c.toml"), text)).isEqualTo(c);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "reward_address = \"TIME0nothing\"; [masternode] reward_address; not an address of testnet",
        "reward_address = \"hello\"; [masternode] reward_address; not an address of testnet",
        "reward_address = \""
            + "TIME1"
            + "1111111111111111111111111111111111111\"; [masternode]"
            + " reward_address; not an address of testnet",
        "reward_address = 5; [masternode] reward_address; must be a string",
        "operator_key_file = \"  \"; [masternode] operator_key_file; must be a path",
        "operator_key_file = 1; [masternode] operator_key_file; must be a string",
        "enabled = \"yes\"; [masternode] enabled; must be true or false",
        "operator_key = \"x\"; [masternode] unknown key 'operator_key'; operator_key_file",
      })
  void badValuesAreRefusedNamingTheKey(String line, String f1, String f2) {
    Path file = dir.resolve("bad.toml");
    assertThatThrownBy(() -> ConfigLoader.parse(file, "[masternode]\n" + line + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(f1)
        .hasMessageContaining(f2);
  }

  @Test
  void aTestnetAddressOnMainnetIsRefused() {
    String toml =
        "[node]\nnetwork = \"mainnet\"\n[masternode]\nreward_address = \""
            + TESTNET_ADDRESS
            + "\"\n";
    assertThatThrownBy(() -> ConfigLoader.parse(dir.resolve("c.toml"), toml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("reward_address")
        .hasMessageContaining("not an address of mainnet");
  }
}
