package org.timecoin.domain.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.testing.DomainGen;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

class GenesisConfigTest {
  private final DomainGen gen = new DomainGen(11);
  private final Validator a = gen.validator();
  private final Validator b = gen.validator();
  private final List<TxOut> allocations =
      List.of(new TxOut(1_000_000, gen.address()), new TxOut(5, gen.address()));

  private GenesisConfig config(List<Validator> validators) {
    return new GenesisConfig(
        "timecoin-testnet",
        Network.TESTNET,
        1_700_000_000_000L,
        validators,
        allocations,
        ConsensusParams.defaults());
  }

  @Test
  void hashDoesNotDependOnValidatorOrder() {
    assertThat(config(List.of(a, b)).hash()).isEqualTo(config(List.of(b, a)).hash());
    assertThat(config(List.of(a, b))).isEqualTo(config(List.of(b, a)));
  }

  @Test
  void hashCoversEveryField() {
    GenesisConfig base = config(List.of(a, b));
    ConsensusParams p = ConsensusParams.defaults();
    List<GenesisConfig> variants =
        List.of(
            new GenesisConfig(
                "other", Network.TESTNET, base.timestamp(), base.validators(), allocations, p),
            new GenesisConfig(
                base.chainName(),
                Network.MAINNET,
                base.timestamp(),
                base.validators(),
                allocations,
                p),
            new GenesisConfig(
                base.chainName(), Network.TESTNET, 1, base.validators(), allocations, p),
            config(List.of(a)),
            new GenesisConfig(
                base.chainName(),
                Network.TESTNET,
                base.timestamp(),
                base.validators(),
                allocations.subList(0, 1),
                p),
            new GenesisConfig(
                base.chainName(),
                Network.TESTNET,
                base.timestamp(),
                base.validators(),
                allocations,
                p.withEpochs(p.epochBlocks() + 1, p.inactivityBlocks(), p.removalBlocks())));
    for (GenesisConfig v : variants) {
      assertThat(v.hash()).isNotEqualTo(base.hash());
    }
  }

  @Test
  void chainIdIsSha256OfName() {
    assertThat(config(List.of(a)).chainId())
        .isEqualTo(Sha256.hash("timecoin-testnet".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void genesisBlockPaysAllocationsAndCommitsToConfig() {
    GenesisConfig g = config(List.of(a, b));
    Hash32 stateRoot = Sha256.hash("root".getBytes());
    Block block = g.genesisBlock(stateRoot);
    assertThat(block.height()).isZero();
    assertThat(block.header().prevHash()).isEqualTo(g.hash());
    assertThat(block.header().stateRoot()).isEqualTo(stateRoot);
    assertThat(block.header().chainId()).isEqualTo(g.chainId());
    assertThat(block.header().txRoot()).isEqualTo(block.computeTxRoot());
    assertThat(block.txs()).containsExactly(g.genesisTransaction());
    List<Utxo> utxos = g.genesisUtxos();
    assertThat(utxos).extracting(Utxo::out).containsExactlyElementsOf(allocations);
    assertThat(utxos).allSatisfy(u -> assertThat(u.coinbase()).isTrue());
    assertThat(utxos.get(1).outPoint().txid()).isEqualTo(g.genesisTransaction().txid());
    assertThat(utxos.get(1).outPoint().index()).isEqualTo(1);
    assertThat(g.genesisBlock(stateRoot).hash()).isEqualTo(block.hash());
  }

  @Test
  void rejectsInvalidConfigs() {
    assertThatThrownBy(() -> config(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config(List.of(a, a))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new GenesisConfig(
                    "", Network.TESTNET, 0, List.of(a), allocations, ConsensusParams.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
    List<TxOut> overflow =
        List.of(new TxOut(Long.MAX_VALUE, gen.address()), new TxOut(1, gen.address()));
    assertThatThrownBy(
            () ->
                new GenesisConfig(
                    "x", Network.TESTNET, 0, List.of(a), overflow, ConsensusParams.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflow");
  }

  @ParameterizedTest(name = "outputs {0} -> fee {1}")
  @CsvSource({
    "0, 1000",
    "999999, 1000",
    "1000000, 1000",
    "1000001, 1001",
    "100000000, 100000",
    "9223372036854775807, 9223372036854776"
  })
  void requiredFeeIsMaxOfMinFeeAndPerMille(long outputs, long fee) {
    assertThat(ConsensusParams.defaults().requiredFee(outputs)).isEqualTo(fee);
  }

  @Test
  void consensusParamsRejectNegativeAndOversizeValues() {
    ConsensusParams p = ConsensusParams.defaults();
    for (int i = 0; i < ConsensusParams.FIELD_COUNT; i++) {
      long[] v = p.values();
      v[i] = -1;
      assertThatThrownBy(() -> ConsensusParams.of(v))
          .as("field %d", i)
          .isInstanceOf(IllegalArgumentException.class);
    }
    long[] bigTx = p.values();
    bigTx[3] = 2_000_000; // maxTxBytes
    assertThatThrownBy(() -> ConsensusParams.of(bigTx))
        .isInstanceOf(IllegalArgumentException.class);
    long[] bigBlock = p.values();
    bigBlock[2] = 1L << 40; // maxBlockBytes
    assertThatThrownBy(() -> ConsensusParams.of(bigBlock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consensusParamsRejectZeroPeriodsAndEpochs() {
    ConsensusParams p = ConsensusParams.defaults();
    long[] zeroPeriod = p.values();
    zeroPeriod[1] = 0;
    assertThatThrownBy(() -> ConsensusParams.of(zeroPeriod))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("issuancePeriodMs");
    assertThatThrownBy(() -> p.withEpochs(0, 10, 40))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("epochBlocks");
    assertThatThrownBy(() -> p.withEpochs(20, 0, 40))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inactivityBlocks");
    assertThatThrownBy(() -> p.withEpochs(20, 10, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("removalBlocks (9) must be >= inactivityBlocks (10)");
    assertThat(p.withEpochs(20, 10, 10).removalBlocks()).isEqualTo(10);
    assertThatThrownBy(() -> ConsensusParams.of(new long[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void consensusParamDefaultsAreTheDocumentedOnes() {
    ConsensusParams p = ConsensusParams.defaults();
    assertThat(p.issuancePerPeriod()).isEqualTo(10_000_000_000L);
    assertThat(p.issuancePeriodMs()).isEqualTo(600_000);
    assertThat(p.epochBlocks()).isEqualTo(100);
    assertThat(p.inactivityBlocks()).isEqualTo(50);
    assertThat(p.removalBlocks()).isEqualTo(300);
    assertThat(ConsensusParams.of(p.values())).isEqualTo(p);
    assertThat(ConsensusParams.CODEC.encode(p)).hasSize(8 * ConsensusParams.FIELD_COUNT);
  }
}
