package org.timecoin.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodedKeysTest {
  static final byte[] MESSAGE = {1, 2, 3};

  @Test
  void aKeyThatSignedValidlyIsHeldAndServesTheNextCheckWithItsPoint() {
    DecodedKeys keys = new DecodedKeys(100);
    KeyPair pair = KeyPair.fromSeed(new byte[32]);
    byte[] sig = pair.sign(MESSAGE);
    PublicKey first = PublicKey.of(pair.publicKey().toBytes());
    PublicKey second = PublicKey.of(pair.publicKey().toBytes());

    assertThat(keys.verify(first, MESSAGE, sig)).isTrue();
    assertThat(keys.held(second)).isSameAs(first);
    assertThat(keys.verify(second, MESSAGE, sig)).isTrue();
    assertThat(keys.hitCount()).isEqualTo(1);
    assertThat(keys.lookupCount()).isEqualTo(2);
  }

  @Test
  void aKeyWhoseSignatureFailsIsNotHeld() {
    DecodedKeys keys = new DecodedKeys(100);
    KeyPair pair = KeyPair.fromSeed(new byte[32]);
    byte[] sig = pair.sign(MESSAGE);
    sig[0] ^= 1;
    PublicKey key = PublicKey.of(pair.publicKey().toBytes());
    assertThat(keys.verify(key, MESSAGE, sig)).isFalse();
    assertThat(keys.held(key)).isNull();
  }

  @Test
  void clearedKeysAreDecodedAgain() {
    DecodedKeys keys = new DecodedKeys(100);
    KeyPair pair = KeyPair.fromSeed(new byte[32]);
    PublicKey first = PublicKey.of(pair.publicKey().toBytes());
    keys.verify(first, MESSAGE, pair.sign(MESSAGE));
    keys.clear();
    assertThat(keys.held(first)).isNull();
  }

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3})
  void verifyingThroughSharedKeysAgreesWithTheRawBytes(long seed) {
    Random random = new Random(seed);
    DecodedKeys keys = new DecodedKeys(8); // small: entries come and go during the run
    KeyPair[] payers = new KeyPair[16];
    for (int i = 0; i < payers.length; i++) {
      byte[] seed32 = new byte[32];
      random.nextBytes(seed32);
      payers[i] = KeyPair.fromSeed(seed32);
    }
    for (int i = 0; i < 300; i++) {
      KeyPair pair = payers[random.nextInt(payers.length)];
      byte[] msg = new byte[1 + random.nextInt(64)];
      random.nextBytes(msg);
      byte[] sig = pair.sign(msg);
      if (random.nextInt(3) == 0) {
        sig[random.nextInt(64)] ^= (byte) (1 + random.nextInt(255));
      }
      byte[] pub = pair.publicKey().toBytes();
      if (random.nextInt(8) == 0) {
        random.nextBytes(pub); // usually not a point at all
      }
      boolean expected = Ed25519.verify(pub, msg, sig);
      assertThat(keys.verify(PublicKey.of(pub), msg, sig))
          .as("seed %d case %d", seed, i)
          .isEqualTo(expected);
    }
    assertThat(keys.hitCount()).as("payers recur").isPositive();
  }

  @Test
  void aKeyThatIsNotAPointFailsEveryTimeAndIsNeverHeld() {
    DecodedKeys keys = new DecodedKeys(100);
    byte[] pub =
        HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    byte[] sig = new byte[64];
    sig[0] = 1;
    for (int i = 0; i < 3; i++) {
      assertThat(keys.verify(PublicKey.of(pub), new byte[] {1}, sig)).isFalse();
    }
    assertThat(keys.held(PublicKey.of(pub))).isNull();
  }

  @Test
  void aCacheWithoutRoomIsRefused() {
    assertThatThrownBy(() -> new DecodedKeys(0)).hasMessageContaining("maxKeys");
  }
}
