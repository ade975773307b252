package org.timecoin.domain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  record Vector(String name, String secret, String publicKey, byte[] message, String signature) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** RFC 8032 section 7.1: TEST 1, 2, 3 and SHA(abc). */
  static Stream<Vector> rfc8032Vectors() throws NoSuchAlgorithmException {
    byte[] sha512OfAbc = MessageDigest.getInstance("SHA-512").digest("abc".getBytes());
    return Stream.of(
        new Vector(
            "TEST 1",
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            new byte[0],
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
        new Vector(
            "TEST 2",
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            HEX.parseHex("72"),
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        new Vector(
            "TEST 3",
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            HEX.parseHex("af82"),
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
        new Vector(
            "TEST SHA(abc)",
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            sha512OfAbc,
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032Vectors")
  void derivesPublicKeySignsAndVerifiesRfcVectors(Vector v) {
    byte[] secret = HEX.parseHex(v.secret());
    assertThat(HEX.formatHex(Ed25519.publicKeyOf(secret))).isEqualTo(v.publicKey());
    assertThat(HEX.formatHex(Ed25519.sign(secret, v.message()))).isEqualTo(v.signature());
    assertThat(
            Ed25519.verify(HEX.parseHex(v.publicKey()), v.message(), HEX.parseHex(v.signature())))
        .isTrue();

    KeyPair pair = KeyPair.fromSeed(secret);
    assertThat(pair.publicKey().toHex()).isEqualTo(v.publicKey());
    assertThat(HEX.formatHex(pair.sign(v.message()))).isEqualTo(v.signature());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc8032Vectors")
  void rejectsAlteredMessageSignatureOrKey(Vector v) {
    byte[] pub = HEX.parseHex(v.publicKey());
    byte[] sig = HEX.parseHex(v.signature());
    byte[] msg = v.message();

    byte[] longerMsg = new byte[msg.length + 1];
    System.arraycopy(msg, 0, longerMsg, 0, msg.length);
    assertThat(Ed25519.verify(pub, longerMsg, sig)).isFalse();

    for (int i : new int[] {0, 31, 32, 63}) {
      byte[] badSig = sig.clone();
      badSig[i] ^= 0x01;
      assertThat(Ed25519.verify(pub, msg, badSig)).as("sig bit flip at %d", i).isFalse();
    }
    byte[] badPub = pub.clone();
    badPub[0] ^= 0x01;
    assertThat(Ed25519.verify(badPub, msg, sig)).isFalse();
  }

  @Test
  void wrongLengthsAreRejectedNotThrown() {
    KeyPair pair = KeyPair.generate(new SecureRandom());
    byte[] msg = {1, 2, 3};
    byte[] sig = pair.sign(msg);
    byte[] pub = pair.publicKey().toBytes();
    assertThat(Ed25519.verify(pub, msg, new byte[63])).isFalse();
    assertThat(Ed25519.verify(new byte[31], msg, sig)).isFalse();
    assertThat(pair.publicKey().verify(msg, sig)).isTrue();
    assertThatThrownBy(() -> Ed25519.sign(new byte[31], msg))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyPair.fromSeed(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicKeyValueSemanticsAndCodec() {
    KeyPair pair = KeyPair.fromSeed(new byte[32]);
    PublicKey a = pair.publicKey();
    PublicKey b = PublicKey.fromHex(a.toHex());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(PublicKey.CODEC.decode(PublicKey.CODEC.encode(a))).isEqualTo(a);
    assertThat(PublicKey.CODEC.encode(a)).hasSize(32);
    assertThat(pair.toString()).doesNotContain(HEX.formatHex(pair.seed()));
    assertThat(Ed25519.isValidPublicKey(a.toBytes())).isTrue();
  }
}
