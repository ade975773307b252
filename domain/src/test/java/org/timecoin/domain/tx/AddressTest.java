package org.timecoin.domain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.AddressFormatException.Reason;

class AddressTest {
  private static final Address SAMPLE =
      Address.fromPublicKey(KeyPair.fromSeed(new byte[32]).publicKey());

  @ParameterizedTest
  @EnumSource(Network.class)
  void textRoundTripsOnBothNetworks(Network network) throws AddressFormatException {
    Random random = new Random(network.ordinal());
    for (int i = 0; i < 200; i++) {
      byte[] payload = new byte[20];
      random.nextBytes(payload);
      Address a = Address.ofPayload(payload);
      String text = a.toText(network);
      assertThat(text).startsWith(network.addressPrefix());
      assertThat(Address.parse(text)).isEqualTo(a);
      assertThat(Address.parse(text, network)).isEqualTo(a);
      assertThat(Address.networkOf(text)).isEqualTo(network);
    }
  }

  @Test
  void payloadIsFirst20BytesOfSha256OfKey() {
    KeyPair key = KeyPair.fromSeed(new byte[32]);
    byte[] digest = Sha256.digest(key.publicKey().toBytes());
    assertThat(SAMPLE.payload()).isEqualTo(Arrays.copyOf(digest, 20));
    assertThat(SAMPLE.matches(key.publicKey())).isTrue();
    KeyPair other = KeyPair.fromSeed(Sha256.digest("other".getBytes()));
    assertThat(SAMPLE.matches(other.publicKey())).isFalse();
  }

  @Test
  void zeroPayloadKeepsLeadingOnes() throws AddressFormatException {
    Address zero = Address.ofPayload(new byte[20]);
    String text = zero.toText(Network.MAINNET);
    assertThat(text).startsWith("TIME1" + "1".repeat(20));
    assertThat(Address.parse(text)).isEqualTo(zero);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "TIME", "TIME2abc", "time0abc", "BTC1abc"})
  void unknownPrefixIsBadPrefix(String text) {
    assertReason(() -> Address.parse(text), Reason.BAD_PREFIX);
  }

  @Test
  void otherNetworkIsBadPrefix() {
    String testnet = SAMPLE.toText(Network.TESTNET);
    assertReason(() -> Address.parse(testnet, Network.MAINNET), Reason.BAD_PREFIX);
  }

  @Test
  void nonBase58CharacterIsBadCharacter() {
    String text = SAMPLE.toText(Network.TESTNET);
    assertReason(
        () -> Address.parse(text.substring(0, 8) + "0" + text.substring(9)), Reason.BAD_CHARACTER);
  }

  @Test
  void wrongLengthIsBadLength() {
    String text = SAMPLE.toText(Network.TESTNET);
    assertReason(() -> Address.parse(text.substring(0, text.length() - 3)), Reason.BAD_LENGTH);
    assertReason(() -> Address.parse(text + "zzz"), Reason.BAD_LENGTH);
    assertReason(() -> Address.parse("TIME0" + "z".repeat(200)), Reason.BAD_LENGTH);
  }

  @Test
  void changedCharacterIsBadChecksum() {
    String text = SAMPLE.toText(Network.MAINNET);
    int last = text.length() - 1;
    char swapped = text.charAt(last) == '2' ? '3' : '2';
    assertReason(() -> Address.parse(text.substring(0, last) + swapped), Reason.BAD_CHECKSUM);
  }

  @Test
  void payloadMustBe20Bytes() {
    assertThatThrownBy(() -> Address.ofPayload(new byte[21]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  interface Parse {
    Address run() throws AddressFormatException;
  }

  private static void assertReason(Parse parse, Reason reason) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            AddressFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageNotContaining("null");
  }
}
