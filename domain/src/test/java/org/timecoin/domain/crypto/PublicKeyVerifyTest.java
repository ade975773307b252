package org.timecoin.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PublicKey.verify (cached decoded point) must agree with Ed25519.verify on the raw bytes. */
class PublicKeyVerifyTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "0100000000000000000000000000000000000000000000000000000000000000", // identity
        "0100000000000000000000000000000000000000000000000000000000000080", // identity, sign bit
        "0000000000000000000000000000000000000000000000000000000000000080", // x = 0 with sign bit
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p - 1
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a" // order 8
      })
  void weakOrNonCanonicalKeysAgreeAndFail(String hex) {
    byte[] pub = HexFormat.of().parseHex(hex);
    byte[] msg = {1};
    for (String sig :
        new String[] {
          "01" + "00".repeat(63),
          hex + "00".repeat(32),
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a" + "00".repeat(32)
        }) {
      byte[] s = HexFormat.of().parseHex(sig);
      PublicKey key = PublicKey.of(pub);
      assertThat(key.verify(msg, s)).isEqualTo(Ed25519.verify(pub, msg, s)).isFalse();
      assertThat(key.verify(msg, s)).isFalse(); // second call takes the cached path
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3})
  void randomKeysAndSignaturesAgree(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 100; i++) {
      byte[] seed32 = new byte[32];
      random.nextBytes(seed32);
      KeyPair pair = KeyPair.fromSeed(seed32);
      byte[] msg = new byte[random.nextInt(64)];
      random.nextBytes(msg);
      byte[] sig = pair.sign(msg);
      if (random.nextBoolean()) {
        sig[random.nextInt(64)] ^= (byte) (1 + random.nextInt(255));
      }
      byte[] pub = pair.publicKey().toBytes();
      if (random.nextInt(4) == 0) {
        random.nextBytes(pub); // usually not a point at all
      }
      PublicKey key = PublicKey.of(pub);
      boolean expected = Ed25519.verify(pub, msg, sig);
      assertThat(key.verify(msg, sig)).as("seed %d case %d", seed, i).isEqualTo(expected);
      assertThat(key.verify(msg, sig)).as("seed %d case %d cached", seed, i).isEqualTo(expected);
    }
  }
}
