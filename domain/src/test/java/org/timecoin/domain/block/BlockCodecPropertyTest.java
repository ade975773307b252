package org.timecoin.domain.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.testing.CodecChecks;
import org.timecoin.domain.testing.DomainGen;

/** Round-trip and mutation properties of block, certificate and genesis codecs. */
class BlockCodecPropertyTest {
  private static final int SEEDS = 40;

  record Case<T>(String name, Codec<T> codec, Function<DomainGen, T> gen) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case<?>> codecs() {
    return Stream.of(
        new Case<>("BlockHeader", BlockHeader.CODEC, DomainGen::header),
        new Case<>("Block", Block.CODEC, DomainGen::block),
        new Case<>("LastCommit", LastCommit.CODEC, DomainGen::lastCommit),
        new Case<>("CommitSignature", CommitSignature.CODEC, DomainGen::commitSignature),
        new Case<>("CommitCertificate", CommitCertificate.CODEC, DomainGen::certificate),
        new Case<>("Validator", Validator.CODEC, DomainGen::validator),
        new Case<>("ValidatorSet", ValidatorSet.CODEC, DomainGen::validatorSet),
        new Case<>("ConsensusParams", ConsensusParams.CODEC, DomainGen::consensusParams),
        new Case<>("GenesisConfig", GenesisConfig.CODEC, DomainGen::genesis));
  }

  static Stream<Arguments> casesAndSeeds() {
    return codecs().flatMap(c -> LongStream.range(0, SEEDS).mapToObj(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("casesAndSeeds")
  <T> void roundTrips(Case<T> c, long seed) {
    DomainGen gen = new DomainGen(seed);
    for (int i = 0; i < 5; i++) {
      CodecChecks.roundTrips(c.codec(), c.gen().apply(gen));
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("casesAndSeeds")
  <T> void mutationsFailOrReencodeIdentically(Case<T> c, long seed) {
    DomainGen gen = new DomainGen(seed);
    CodecChecks.mutationsFailOrReencode(c.codec(), c.gen().apply(gen), gen.random(), 50);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void encodedSizesMatchTheEncodings(long seed) {
    DomainGen gen = new DomainGen(seed);
    Block block = gen.block();
    assertThat(block.encodedSize()).isEqualTo(Block.CODEC.encode(block).length);
    assertThat(BlockHeader.CODEC.encode(block.header())).hasSize(BlockHeader.ENCODED_SIZE);
    LastCommit lc = gen.lastCommit();
    assertThat(lc.encodedSize()).isEqualTo(LastCommit.CODEC.encode(lc).length);
    // The hints size the buffers encode writes into: exact, so none is regrown or copied.
    assertThat(Block.CODEC.sizeHint(block)).isEqualTo(block.encodedSize());
    assertThat(BlockHeader.CODEC.sizeHint(block.header())).isEqualTo(BlockHeader.ENCODED_SIZE);
    assertThat(LastCommit.CODEC.sizeHint(lc)).isEqualTo(lc.encodedSize());
    CommitCertificate certificate = gen.certificate();
    assertThat(certificate.encodedSize())
        .isEqualTo(CommitCertificate.CODEC.encode(certificate).length)
        .isEqualTo(CommitCertificate.CODEC.sizeHint(certificate));
  }

  static LongStream seeds() {
    return LongStream.range(0, SEEDS);
  }
}
