package org.timecoin.node.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.node.net.SnapshotMessages.Chunk;
import org.timecoin.node.net.SnapshotMessages.EpochProof;
import org.timecoin.node.net.SnapshotMessages.EpochProofs;
import org.timecoin.node.net.SnapshotMessages.GetChunk;
import org.timecoin.node.net.SnapshotMessages.GetEpochProofs;
import org.timecoin.node.net.SnapshotMessages.GetManifest;
import org.timecoin.node.net.SnapshotMessages.GetSnapshots;
import org.timecoin.node.net.SnapshotMessages.Manifest;
import org.timecoin.node.net.SnapshotMessages.Offer;
import org.timecoin.node.net.SnapshotMessages.Snapshots;

class SnapshotMessagesTest {
  static Hash32 h(String s) {
    return Sha256.hash(s.getBytes());
  }

  static Offer offer(Random rnd) {
    return new Offer(
        rnd.nextLong() & Long.MAX_VALUE,
        h("b" + rnd.nextInt()),
        h("r" + rnd.nextInt()),
        h("m" + rnd.nextInt()),
        rnd.nextInt() & Integer.MAX_VALUE);
  }

  static EpochProof proof(long height, int validators) {
    List<KeyPair> keys = new ArrayList<>();
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < validators; i++) {
      KeyPair k = KeyPair.fromSeed(Sha256.digest(("v" + height + ":" + i).getBytes()));
      keys.add(k);
      vs.add(new Validator(k.publicKey(), 1 + i, Tier.FREE, Address.fromPublicKey(k.publicKey())));
    }
    ValidatorSet next = new ValidatorSet(vs);
    BlockHeader header =
        new BlockHeader(
            1,
            h("chain"),
            height,
            h("prev"),
            h("tx"),
            h("state"),
            12345,
            keys.get(0).publicKey(),
            2,
            next.hash(),
            h("last"));
    List<CommitSignature> sigs = new ArrayList<>();
    for (KeyPair k : keys) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(header.hash().toBytes())));
    }
    return new EpochProof(header, new CommitCertificate(height, 2, header.hash(), sigs), next);
  }

  static <T> T roundTrip(Codec<T> codec, T value) {
    byte[] bytes = codec.encode(value);
    T back = codec.decode(bytes);
    assertThat(codec.encode(back)).as("re-encoding").isEqualTo(bytes);
    return back;
  }

  @Test
  void everyMessageRoundTrips() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    String s = "seed " + seed;

    assertThat(roundTrip(SnapshotMessages.GET_SNAPSHOTS, new GetSnapshots()))
        .isEqualTo(new GetSnapshots());
    assertThat(SnapshotMessages.GET_SNAPSHOTS.encode(new GetSnapshots())).isEmpty();

    List<Offer> offers = new ArrayList<>();
    for (int i = 0; i <= SnapshotMessages.MAX_OFFERS; i++) {
      Snapshots m = new Snapshots(List.copyOf(offers));
      assertThat(roundTrip(SnapshotMessages.SNAPSHOTS, m)).as(s).isEqualTo(m);
      offers.add(offer(rnd));
    }
    Offer edge = new Offer(Long.MAX_VALUE, h("b"), h("r"), h("m"), Integer.MAX_VALUE);
    assertThat(roundTrip(SnapshotMessages.SNAPSHOTS, new Snapshots(List.of(edge))).offers())
        .containsExactly(edge);

    for (long height : new long[] {0, 1, rnd.nextLong() & Long.MAX_VALUE, Long.MAX_VALUE}) {
      assertThat(roundTrip(SnapshotMessages.GET_MANIFEST, new GetManifest(height)))
          .isEqualTo(new GetManifest(height));
      int index = rnd.nextInt() & Integer.MAX_VALUE;
      assertThat(roundTrip(SnapshotMessages.GET_CHUNK, new GetChunk(height, index)))
          .as(s)
          .isEqualTo(new GetChunk(height, index));
      byte[] payload = new byte[rnd.nextInt(5000)];
      rnd.nextBytes(payload);
      Manifest m = roundTrip(SnapshotMessages.MANIFEST, new Manifest(height, payload));
      assertThat(m.height()).isEqualTo(height);
      assertThat(m.bytes()).as(s).isEqualTo(payload);
      Chunk c = roundTrip(SnapshotMessages.CHUNK, new Chunk(height, index, payload));
      assertThat(c.height()).isEqualTo(height);
      assertThat(c.index()).isEqualTo(index);
      assertThat(c.bytes()).as(s).isEqualTo(payload);
      CodecsTest.assertHintExact(SnapshotMessages.CHUNK, c);
      CodecsTest.assertHintExact(SnapshotMessages.MANIFEST, m);
    }
    assertThat(roundTrip(SnapshotMessages.MANIFEST, new Manifest(7, new byte[0])).bytes())
        .isEmpty();
    assertThat(roundTrip(SnapshotMessages.CHUNK, new Chunk(7, 0, new byte[0])).bytes()).isEmpty();

    List<Long> heights = new ArrayList<>();
    for (int i = 0; i < SnapshotMessages.MAX_PROOFS; i++) {
      heights.add(rnd.nextLong() & Long.MAX_VALUE);
    }
    assertThat(roundTrip(SnapshotMessages.GET_EPOCH_PROOFS, new GetEpochProofs(heights)))
        .as(s)
        .isEqualTo(new GetEpochProofs(heights));
    assertThat(roundTrip(SnapshotMessages.GET_EPOCH_PROOFS, new GetEpochProofs(List.of())))
        .isEqualTo(new GetEpochProofs(List.of()));

    List<EpochProof> proofs = List.of(proof(10, 1), proof(20, 4), proof(30, 7));
    EpochProofs back = roundTrip(SnapshotMessages.EPOCH_PROOFS, new EpochProofs(proofs));
    assertThat(back.proofs()).hasSize(3);
    for (int i = 0; i < proofs.size(); i++) {
      EpochProof a = proofs.get(i);
      EpochProof b = back.proofs().get(i);
      assertThat(b.header()).isEqualTo(a.header());
      assertThat(b.header().hash()).isEqualTo(a.header().hash());
      assertThat(b.nextSet()).isEqualTo(a.nextSet());
      assertThat(CommitCertificate.CODEC.encode(b.certificate()))
          .isEqualTo(CommitCertificate.CODEC.encode(a.certificate()));
    }
  }

  static byte[] bytes(Consumer<ByteWriter> w) {
    ByteWriter out = new ByteWriter(64);
    w.accept(out);
    return out.toByteArray();
  }

  /** Only the prefix is written: a codec that allocated or read before checking would truncate. */
  static Stream<Arguments> refused() {
    byte[] offer = new byte[8 + 32 * 3 + 4];
    return Stream.of(
        Arguments.of(
            "offers over MAX_OFFERS, no elements following",
            SnapshotMessages.SNAPSHOTS,
            bytes(w -> w.u32(SnapshotMessages.MAX_OFFERS + 1)),
            "exceeds limit"),
        Arguments.of(
            "offers over MAX_OFFERS, elements following",
            SnapshotMessages.SNAPSHOTS,
            bytes(
                w -> {
                  w.u32(SnapshotMessages.MAX_OFFERS + 1);
                  for (int i = 0; i <= SnapshotMessages.MAX_OFFERS; i++) {
                    w.raw(offer);
                  }
                }),
            "exceeds limit"),
        Arguments.of(
            "u32 max offers",
            SnapshotMessages.SNAPSHOTS,
            bytes(w -> w.u32(0xFFFF_FFFFL)),
            "exceeds limit"),
        Arguments.of(
            "proof heights over MAX_PROOFS",
            SnapshotMessages.GET_EPOCH_PROOFS,
            bytes(w -> w.u32(SnapshotMessages.MAX_PROOFS + 1)),
            "exceeds limit"),
        Arguments.of(
            "proofs over MAX_PROOFS",
            SnapshotMessages.EPOCH_PROOFS,
            bytes(w -> w.u32(SnapshotMessages.MAX_PROOFS + 1)),
            "exceeds limit"),
        Arguments.of(
            "manifest over MAX_PAYLOAD",
            SnapshotMessages.MANIFEST,
            bytes(w -> w.u64(5).u32(SnapshotMessages.MAX_PAYLOAD + 1L)),
            "exceeds limit"),
        Arguments.of(
            "chunk over MAX_PAYLOAD",
            SnapshotMessages.CHUNK,
            bytes(w -> w.u64(5).u32(3).u32(SnapshotMessages.MAX_PAYLOAD + 1L)),
            "exceeds limit"),
        Arguments.of(
            "chunk of u32 max bytes",
            SnapshotMessages.CHUNK,
            bytes(w -> w.u64(5).u32(3).u32(0xFFFF_FFFFL)),
            "exceeds limit"),
        Arguments.of(
            "negative height in an offer",
            SnapshotMessages.SNAPSHOTS,
            bytes(w -> w.u32(1).u64(-1).raw(new byte[32 * 3]).u32(1)),
            "height out of range"),
        Arguments.of(
            "negative manifest height asked",
            SnapshotMessages.GET_MANIFEST,
            bytes(w -> w.u64(Long.MIN_VALUE)),
            "height out of range"),
        Arguments.of(
            "negative manifest height",
            SnapshotMessages.MANIFEST,
            bytes(w -> w.u64(-1).u32(0)),
            "height out of range"),
        Arguments.of(
            "negative chunk height asked",
            SnapshotMessages.GET_CHUNK,
            bytes(w -> w.u64(-5).u32(0)),
            "height out of range"),
        Arguments.of(
            "negative chunk height",
            SnapshotMessages.CHUNK,
            bytes(w -> w.u64(-5).u32(0).u32(0)),
            "height out of range"),
        Arguments.of(
            "negative proof height asked",
            SnapshotMessages.GET_EPOCH_PROOFS,
            bytes(w -> w.u32(2).u64(10).u64(-10)),
            "height out of range"),
        Arguments.of(
            "chunk index over Integer.MAX_VALUE asked",
            SnapshotMessages.GET_CHUNK,
            bytes(w -> w.u64(5).u32(Integer.MAX_VALUE + 1L)),
            "chunk index 2147483648 out of range"),
        Arguments.of(
            "chunk index u32 max",
            SnapshotMessages.CHUNK,
            bytes(w -> w.u64(5).u32(0xFFFF_FFFFL).u32(0)),
            "out of range"),
        Arguments.of(
            "chunk count over Integer.MAX_VALUE in an offer",
            SnapshotMessages.SNAPSHOTS,
            bytes(w -> w.u32(1).u64(5).raw(new byte[32 * 3]).u32(Integer.MAX_VALUE + 1L)),
            "chunk 2147483648 out of range"),
        Arguments.of(
            "trailing bytes",
            SnapshotMessages.GET_MANIFEST,
            bytes(w -> w.u64(5).u8(0)),
            "trailing"),
        Arguments.of(
            "truncated chunk payload",
            SnapshotMessages.CHUNK,
            bytes(w -> w.u64(5).u32(0).u32(10).raw(new byte[9])),
            "truncated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  <T> void decodingRefuses(String name, Codec<T> codec, byte[] input, String message) {
    assertThatThrownBy(() -> codec.decode(input))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }

  @Test
  void theLimitsThemselvesAreAccepted() {
    byte[] atMax =
        bytes(
            w -> {
              w.u32(SnapshotMessages.MAX_PROOFS);
              for (int i = 0; i < SnapshotMessages.MAX_PROOFS; i++) {
                w.u64(i);
              }
            });
    assertThat(SnapshotMessages.GET_EPOCH_PROOFS.decode(atMax).heights())
        .hasSize(SnapshotMessages.MAX_PROOFS);
    byte[] payload = new byte[SnapshotMessages.MAX_PAYLOAD];
    payload[payload.length - 1] = 9;
    Chunk c =
        SnapshotMessages.CHUNK.decode(
            SnapshotMessages.CHUNK.encode(new Chunk(1, Integer.MAX_VALUE, payload)));
    assertThat(c.bytes()).hasSize(SnapshotMessages.MAX_PAYLOAD);
    assertThat(c.index()).isEqualTo(Integer.MAX_VALUE);
  }
}
