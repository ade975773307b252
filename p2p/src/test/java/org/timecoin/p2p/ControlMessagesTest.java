package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.p2p.ControlMessages.Addr;
import org.timecoin.p2p.ControlMessages.Auth;
import org.timecoin.p2p.ControlMessages.Hello;
import org.timecoin.p2p.ControlMessages.Ping;

class ControlMessagesTest {

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static Hello randomHello(Random r) {
    return new Hello(
        r.nextLong() & 0xFFFFFFFFL,
        r.nextInt(5),
        Hash32.wrap(bytes(r, 32)),
        PublicKey.of(bytes(r, 32)),
        new PeerAddress("10.0." + r.nextInt(256) + "." + r.nextInt(256), 1 + r.nextInt(65535)),
        r.nextLong(),
        bytes(r, ControlMessages.NONCE_SIZE),
        r.nextBoolean() ? ControlMessages.NO_WALL_CLOCK : r.nextLong() & Long.MAX_VALUE);
  }

  private static Addr randomAddr(Random r) {
    List<PeerAddress> list = new ArrayList<>();
    for (int i = r.nextInt(20); i > 0; i--) {
      list.add(new PeerAddress("host" + r.nextInt(1000) + ".example", 1 + r.nextInt(65535)));
    }
    return new Addr(list);
  }

  private static <T> void assertRoundTrip(Codec<T> codec, T value, long seed) {
    byte[] encoded = codec.encode(value);
    assertThat(codec.encode(codec.decode(encoded))).as("seed %d", seed).isEqualTo(encoded);
  }

  @ParameterizedTest
  @ValueSource(longs = {11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L})
  void everyControlMessageRoundTrips(long seed) {
    Random r = new Random(seed);
    assertRoundTrip(ControlMessages.HELLO_CODEC, randomHello(r), seed);
    assertRoundTrip(ControlMessages.AUTH_CODEC, new Auth(bytes(r, 64)), seed);
    assertRoundTrip(ControlMessages.PING_CODEC, new Ping(r.nextLong(), r.nextLong()), seed);
    assertRoundTrip(ControlMessages.ADDR_CODEC, randomAddr(r), seed);
    Hello hello = randomHello(r);
    Hello back = ControlMessages.HELLO_CODEC.decode(ControlMessages.HELLO_CODEC.encode(hello));
    assertThat(back.nodeKey()).isEqualTo(hello.nodeKey());
    assertThat(back.listenAddress()).isEqualTo(hello.listenAddress());
    assertThat(back.nonce()).isEqualTo(hello.nonce());
  }

  @ParameterizedTest
  @ValueSource(longs = {21L, 22L, 23L, 24L, 25L})
  void randomBytesEitherDecodeCanonicallyOrFailWithCodecException(long seed) {
    Random r = new Random(seed);
    List<Codec<?>> codecs =
        List.of(
            ControlMessages.HELLO_CODEC,
            ControlMessages.AUTH_CODEC,
            ControlMessages.PING_CODEC,
            ControlMessages.PONG_CODEC,
            ControlMessages.GETADDR_CODEC,
            ControlMessages.ADDR_CODEC);
    for (int i = 0; i < 500; i++) {
      byte[] input = bytes(r, r.nextInt(200));
      if (input.length > 0 && r.nextBoolean()) {
        input[0] = ControlMessages.MESSAGE_VERSION;
      }
      for (Codec<?> codec : codecs) {
        checkFuzz(codec, input, seed);
      }
    }
  }

  private static <T> void checkFuzz(Codec<T> codec, byte[] input, long seed) {
    T value;
    try {
      value = codec.decode(input);
    } catch (CodecException e) {
      return;
    }
    assertThat(codec.encode(value)).as("seed %d", seed).isEqualTo(input);
  }

  @Test
  void unknownMessageVersionIsRejected() {
    byte[] ping = ControlMessages.PING_CODEC.encode(new Ping(1, 2));
    ping[0] = 2;
    assertThatThrownBy(() -> ControlMessages.PING_CODEC.decode(ping))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version");
  }

  @Test
  void helloCarriesTheSendersWallClockAndAVersionOneHelloStillReads() {
    Random r = new Random(7);
    Hello withClock = randomHello(r);
    withClock =
        new Hello(
            withClock.magic(),
            withClock.protocolVersion(),
            withClock.genesisHash(),
            withClock.nodeKey(),
            withClock.listenAddress(),
            withClock.bestHeight(),
            withClock.nonce(),
            1_760_000_000_000L);
    byte[] v2 = ControlMessages.HELLO_CODEC.encode(withClock);
    assertThat(v2[0]).isEqualTo((byte) ControlMessages.HELLO_CLOCK_VERSION);
    assertThat(ControlMessages.HELLO_CODEC.decode(v2).wallMillis()).isEqualTo(1_760_000_000_000L);

    // An older node's HELLO: version 1, the same fields without the clock.
    byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 8);
    v1[0] = 1;
    Hello old = ControlMessages.HELLO_CODEC.decode(v1);
    assertThat(old.wallMillis()).isEqualTo(ControlMessages.NO_WALL_CLOCK);
    assertThat(old.nodeKey()).isEqualTo(withClock.nodeKey());
    assertThat(ControlMessages.HELLO_CODEC.encode(old)).isEqualTo(v1);
  }

  @Test
  void helloVersionThreeCarriesFeatureBitsAndOlderVersionsReadAsNone() {
    Hello h = randomHello(new Random(9));
    Hello lz4 =
        new Hello(
            h.magic(),
            h.protocolVersion(),
            h.genesisHash(),
            h.nodeKey(),
            h.listenAddress(),
            h.bestHeight(),
            h.nonce(),
            1_760_000_000_000L,
            ControlMessages.FEATURE_LZ4 | 1L << 40);
    byte[] v3 = ControlMessages.HELLO_CODEC.encode(lz4);
    assertThat(v3[0]).isEqualTo((byte) ControlMessages.HELLO_VERSION);
    Hello read = ControlMessages.HELLO_CODEC.decode(v3);
    assertThat(read.supports(ControlMessages.FEATURE_LZ4)).isTrue();
    assertThat(read.features()).as("unknown bits kept, not refused").isEqualTo(lz4.features());

    // Without features the same HELLO is written as version 2, which older nodes read.
    byte[] v2 = java.util.Arrays.copyOf(v3, v3.length - 8);
    v2[0] = (byte) ControlMessages.HELLO_CLOCK_VERSION;
    Hello older = ControlMessages.HELLO_CODEC.decode(v2);
    assertThat(older.features()).isEqualTo(ControlMessages.NO_FEATURES);
    assertThat(older.supports(ControlMessages.FEATURE_LZ4)).isFalse();
    assertThat(ControlMessages.HELLO_CODEC.encode(older)).isEqualTo(v2);

    byte[] zeroFeatures = java.util.Arrays.copyOf(v2, v3.length);
    zeroFeatures[0] = (byte) ControlMessages.HELLO_VERSION;
    assertThatThrownBy(() -> ControlMessages.HELLO_CODEC.decode(zeroFeatures))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("without features");
  }

  @Test
  void helloOfUnknownVersionOrWithAClockOutOfRangeIsRejected() {
    Hello h = randomHello(new Random(8));
    byte[] v4 = ControlMessages.HELLO_CODEC.encode(h);
    v4[0] = 4;
    assertThatThrownBy(() -> ControlMessages.HELLO_CODEC.decode(v4))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 4");
    byte[] negative =
        ControlMessages.HELLO_CODEC.encode(
            new Hello(
                h.magic(),
                h.protocolVersion(),
                h.genesisHash(),
                h.nodeKey(),
                h.listenAddress(),
                h.bestHeight(),
                h.nonce(),
                1));
    negative[negative.length - 1] = (byte) 0x80; // the u64 clock's sign bit
    assertThatThrownBy(() -> ControlMessages.HELLO_CODEC.decode(negative))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("clock");
  }

  @Test
  void addrListAboveLimitIsRejectedBeforeReadingEntries() {
    byte[] payload = new byte[] {1, (byte) 0xE9, 0x03, 0, 0}; // version 1, count 1001
    assertThatThrownBy(() -> ControlMessages.ADDR_CODEC.decode(payload))
        .isInstanceOf(CodecException.class);
  }

  @Test
  void authBytesBindNoncesGenesisAndVerifier() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[0] = 1;
    Hash32 g = Hash32.ZERO;
    PublicKey k = PublicKey.of(a);
    byte[] base = ControlMessages.authBytes(a, b, g, k);
    assertThat(ControlMessages.authBytes(b, a, g, k)).isNotEqualTo(base);
    assertThat(ControlMessages.authBytes(a, b, Hash32.wrap(b.clone()), k)).isNotEqualTo(base);
    assertThat(ControlMessages.authBytes(a, b, g, PublicKey.of(b))).isNotEqualTo(base);
  }

  @Test
  void peerAddressParsesAndRejects() {
    assertThat(PeerAddress.parse("127.0.0.1:24100")).isEqualTo(new PeerAddress("127.0.0.1", 24100));
    assertThat(PeerAddress.parse("[::1]:24000")).isEqualTo(new PeerAddress("::1", 24000));
    assertThat(new PeerAddress("::1", 24000).toString()).isEqualTo("[::1]:24000");
    assertThatThrownBy(() -> PeerAddress.parse("nohost"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerAddress.parse("h:0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeerAddress.parse("h:x")).isInstanceOf(IllegalArgumentException.class);
  }
}
