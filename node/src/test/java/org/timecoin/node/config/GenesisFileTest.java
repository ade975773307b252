package org.timecoin.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;

class GenesisFileTest {
  @TempDir Path dir;

  static final KeyPair K = KeyPair.fromSeed(new byte[32]);
  static final String KEY = K.publicKey().toHex();
  static final String ADDR = Address.fromPublicKey(K.publicKey()).toText(Network.TESTNET);

  static GenesisConfig sample() {
    return new GenesisConfig(
        "test-chain",
        Network.TESTNET,
        1_700_000_000_000L,
        List.of(new Validator(K.publicKey(), 5, Tier.SILVER, Address.fromPublicKey(K.publicKey()))),
        List.of(new TxOut(1_000, Address.fromPublicKey(K.publicKey()))),
        ConsensusParams.defaults());
  }

  @Test
  void roundTripKeepsTheGenesisHash() {
    GenesisConfig g = sample();
    Path file = dir.resolve("genesis.json");
    GenesisFile.write(file, g);
    GenesisConfig back = GenesisFile.load(file);
    assertThat(back).isEqualTo(g);
    assertThat(back.hash()).isEqualTo(g.hash());
  }

  @Test
  void minimalFileTakesDefaults() {
    String json =
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,"
            + "\"validators\":[{\"public_key\":\""
            + KEY
            + "\",\"voting_power\":1}]}";
    GenesisConfig g = GenesisFile.parse(dir.resolve("g.json"), json);
    assertThat(g.params()).isEqualTo(ConsensusParams.defaults());
    assertThat(g.validators().get(0).tier()).isEqualTo(Tier.FREE);
    assertThat(g.allocations()).isEmpty();
  }

  @Test
  void everyParameterIsReadByItsSnakeCaseName() {
    String json =
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,"
            + "\"validators\":[{\"public_key\":\""
            + KEY
            + "\",\"voting_power\":1}],\"params\":{\"issuance_per_period\":7,"
            + "\"issuance_period_ms\":60000,\"epoch_blocks\":20,\"inactivity_blocks\":10,"
            + "\"removal_blocks\":40}}";
    ConsensusParams p = GenesisFile.parse(dir.resolve("g.json"), json).params();
    assertThat(p.issuancePerPeriod()).isEqualTo(7);
    assertThat(p.issuancePeriodMs()).isEqualTo(60_000);
    assertThat(p.epochBlocks()).isEqualTo(20);
    assertThat(p.inactivityBlocks()).isEqualTo(10);
    assertThat(p.removalBlocks()).isEqualTo(40);
    assertThat(p.maxBlockBytes()).isEqualTo(ConsensusParams.defaults().maxBlockBytes());
    assertThat(GenesisFile.toJson(sample()))
        .contains("\"issuance_per_period\" : 10000000000")
        .contains("\"epoch_blocks\" : 100")
        .contains("\"removal_blocks\" : 300");
  }

  private static final String V = "{\"public_key\":\"" + KEY + "\",\"voting_power\":1}";

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{|not valid JSON",
        "[]|must hold a JSON object",
        "{\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V]}|chain_name is missing",
        "{\"chain_name\":\"c\",\"network\":\"moon\",\"timestamp\":1,\"validators\":[V]}|network must be one of",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":-1,\"validators\":[V]}|timestamp must be an integer",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[]}|at least one validator",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"x\":1}|x is not a known field",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[{\"public_key\":\"12\",\"voting_power\":1}]}|validators[0].public_key must be 64 hex",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[{\"public_key\":\"K\",\"voting_power\":0}]}|validators[0].voting_power must be an integer",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[{\"public_key\":\"K\",\"voting_power\":1,\"tier\":\"platinum\"}]}|validators[0].tier must be one of",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V,V]}|listed twice",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"allocations\":[{\"address\":\"TIME1xyz\",\"amount\":5}]}|allocations[0].address",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"allocations\":[{\"address\":\"A\",\"amount\":0}]}|allocations[0].amount must be",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"params\":{\"min_fee\":-3}}|params.min_fee must be",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"params\":{\"speed\":3}}|params.speed is not a known field",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"params\":{\"block_reward\":3}}|params.block_reward is not a known field",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"params\":{\"issuance_period_ms\":0}}|params issuancePeriodMs must be > 0",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"params\":{\"epoch_blocks\":0}}|params epochBlocks and inactivityBlocks must be > 0",
        "{\"chain_name\":\"c\",\"network\":\"testnet\",\"timestamp\":1,\"validators\":[V],\"params\":{\"inactivity_blocks\":50,\"removal_blocks\":49}}|params removalBlocks (49) must be >= inactivityBlocks (50)",
      })
  void rejectsBadGenesisNamingFileAndPath(String json, String fragment) {
    Path file = dir.resolve("g.json");
    String text =
        json.replace("[V", "[" + V)
            .replace(",V]", "," + V + "]")
            .replace("\"K\"", "\"" + KEY + "\"")
            .replace("\"A\"", "\"" + ADDR + "\"");
    assertThatThrownBy(() -> GenesisFile.parse(file, text))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(fragment);
  }
}
