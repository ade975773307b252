package org.timecoin.domain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.AddressFormatException.Reason;

class PrivateKeyTextTest {
  private static KeyPair key(long seed) {
    byte[] s = new byte[32];
    new Random(seed).nextBytes(s);
    return KeyPair.fromSeed(s);
  }

  @ParameterizedTest
  @EnumSource(Network.class)
  void roundTripsOnBothNetworks(Network network) throws Exception {
    for (int i = 0; i < 100; i++) {
      KeyPair k = key(i);
      String text = PrivateKeyText.encode(k, network);
      assertThat(text).startsWith(PrivateKeyText.PREFIX);
      assertThat(PrivateKeyText.decode(text, network).publicKey()).isEqualTo(k.publicKey());
    }
  }

  @Test
  void aTestnetKeyIsRefusedOnMainnetAndTheOtherWayRound() {
    String testnet = PrivateKeyText.encode(key(1), Network.TESTNET);
    String mainnet = PrivateKeyText.encode(key(1), Network.MAINNET);
    assertThatThrownBy(() -> PrivateKeyText.decode(testnet, Network.MAINNET))
        .isInstanceOfSatisfying(
            AddressFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_PREFIX))
        .hasMessageContaining("not for MAINNET");
    assertThatThrownBy(() -> PrivateKeyText.decode(mainnet, Network.TESTNET))
        .hasMessageContaining("it is for mainnet");
  }

  @Test
  void aChangedCharacterFailsTheChecksum() {
    String text = PrivateKeyText.encode(key(2), Network.TESTNET);
    int at = text.length() - 5;
    char changed = text.charAt(at) == 'a' ? 'b' : 'a';
    String bad = text.substring(0, at) + changed + text.substring(at + 1);
    assertThatThrownBy(() -> PrivateKeyText.decode(bad, Network.TESTNET))
        .isInstanceOfSatisfying(
            AddressFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CHECKSUM));
  }

  @Test
  void otherTextIsRefusedWithTheCheckItFailed() {
    String text = PrivateKeyText.encode(key(3), Network.TESTNET);
    assertThatThrownBy(() -> PrivateKeyText.decode("TIME0abc", Network.TESTNET))
        .isInstanceOfSatisfying(
            AddressFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_PREFIX));
    assertThatThrownBy(() -> PrivateKeyText.decode(text.substring(0, 30), Network.TESTNET))
        .isInstanceOfSatisfying(
            AddressFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH));
    assertThatThrownBy(() -> PrivateKeyText.decode(text + "0", Network.TESTNET))
        .isInstanceOfSatisfying(
            AddressFormatException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_CHARACTER));
    assertThatThrownBy(
            () -> PrivateKeyText.decode(PrivateKeyText.PREFIX + "z".repeat(81), Network.TESTNET))
        .isInstanceOfSatisfying(
            AddressFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH));
  }
}
