package org.timecoin.domain.tx;

import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.codec.Codec;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.testing.CodecChecks;
import org.timecoin.domain.testing.DomainGen;

/** Round-trip and mutation properties of every tx-level codec, over seeded random values. */
class TxCodecPropertyTest {
  private static final int SEEDS = 50;

  record Case<T>(String name, Codec<T> codec, Function<DomainGen, T> gen) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case<?>> codecs() {
    return Stream.of(
        new Case<>("OutPoint", OutPoint.CODEC, DomainGen::outPoint),
        new Case<>("TxIn", TxIn.CODEC, DomainGen::txIn),
        new Case<>("TxOut", TxOut.CODEC, DomainGen::txOut),
        new Case<>("Transaction", Transaction.CODEC, DomainGen::transaction),
        new Case<>("Utxo", Utxo.CODEC, DomainGen::utxo),
        new Case<>("Address", Address.CODEC, DomainGen::address),
        new Case<>("PublicKey", PublicKey.CODEC, DomainGen::publicKey),
        new Case<>("MasternodeRegistration", MasternodeRegistration.CODEC, DomainGen::registration),
        new Case<>(
            "MasternodeDeregistration", MasternodeDeregistration.CODEC, DomainGen::deregistration),
        new Case<>("MasternodeRecord", MasternodeRecord.CODEC, DomainGen::masternodeRecord));
  }

  static Stream<Arguments> casesAndSeeds() {
    return codecs().flatMap(c -> LongStream.range(0, SEEDS).mapToObj(s -> Arguments.of(c, s)));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("casesAndSeeds")
  <T> void roundTrips(Case<T> c, long seed) {
    DomainGen gen = new DomainGen(seed);
    for (int i = 0; i < 10; i++) {
      CodecChecks.roundTrips(c.codec(), c.gen().apply(gen));
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("casesAndSeeds")
  <T> void mutationsFailOrReencodeIdentically(Case<T> c, long seed) {
    DomainGen gen = new DomainGen(seed);
    CodecChecks.mutationsFailOrReencode(c.codec(), c.gen().apply(gen), gen.random(), 50);
  }
}
