package org.timecoin.domain.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** Each decoding rejection path, with bytes built field by field. */
class CodecRejectionTest {
  record Case(String name, Codec<?> codec, Consumer<ByteWriter> bytes, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final byte[] H = new byte[32];
  private static final byte[] A = new byte[20];

  static Stream<Case> cases() {
    DomainGen gen = new DomainGen(1);
    Validator v1 = gen.validator();
    Validator v2 = gen.validator();
    ValidatorSet set = new ValidatorSet(List.of(v1, v2));
    return Stream.of(
        new Case(
            "outpoint index above 2^31-1",
            OutPoint.CODEC,
            w -> w.raw(H).u32(0x80000000L),
            "out of range"),
        new Case("amount above 2^63-1", TxOut.CODEC, w -> w.u64(-1L).raw(A), "out of range"),
        new Case(
            "utxo height above 2^63-1",
            Utxo.CODEC,
            w -> w.raw(H).u32(0).u64(1).raw(A).u64(-1L).u8(0),
            "out of range"),
        new Case(
            "utxo coinbase flag 2",
            Utxo.CODEC,
            w -> w.raw(H).u32(0).u64(1).raw(A).u64(1).u8(2),
            "boolean"),
        new Case("trailing byte", TxOut.CODEC, w -> w.u64(1).raw(A).u8(0), "trailing"),
        new Case("truncated", TxOut.CODEC, w -> w.u64(1).raw(new byte[19]), "truncated"),
        new Case(
            "input count beyond the input",
            Transaction.CODEC,
            w -> w.i32(1).u32(1000),
            "cannot fit"),
        new Case(
            "input count beyond the 1 MB limit",
            Transaction.CODEC,
            w -> w.i32(1).u32(100_000),
            "exceeds limit"),
        new Case(
            "header round above 2^31-1",
            BlockHeader.CODEC,
            w -> w.i32(1).raw(H).u64(1).raw(H).raw(H).raw(H).u64(0).raw(H).u32(0x80000000L),
            "out of range"),
        new Case(
            "certificate height above 2^63-1",
            CommitCertificate.CODEC,
            w -> w.u64(-1L).u32(0).raw(H).u32(0),
            "out of range"),
        new Case(
            "validator with zero power",
            Validator.CODEC,
            w -> w.raw(H).u64(0).u8(0).raw(A),
            "voting power"),
        new Case(
            "validator with unknown tier",
            Validator.CODEC,
            w -> w.raw(H).u64(1).u8(4).raw(A),
            "unknown tier"),
        new Case(
            "validators out of key order",
            ValidatorSet.CODEC,
            w -> {
              w.u32(2);
              Validator.CODEC.write(w, set.validators().get(1));
              Validator.CODEC.write(w, set.validators().get(0));
            },
            "ascending"),
        new Case("empty validator set", ValidatorSet.CODEC, w -> w.u32(0), "at least one"),
        new Case(
            "chain name not UTF-8",
            GenesisConfig.CODEC,
            w -> w.bytes(HexFormat.of().parseHex("c328")),
            "UTF-8"),
        new Case(
            "unknown network",
            GenesisConfig.CODEC,
            w -> w.bytes("x".getBytes()).u8(2),
            "unknown network"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rejects(Case c) {
    ByteWriter w = new ByteWriter();
    c.bytes().accept(w);
    byte[] bytes = w.toByteArray();
    assertThatThrownBy(() -> c.codec().decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(c.message());
  }
}
