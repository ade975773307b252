package org.timecoin.domain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base58Test {
  @ParameterizedTest(name = "{0} <-> {1}")
  @CsvSource(
      value = {
        "'',''",
        "61,2g",
        "626262,a3gV",
        "636363,aPEr",
        "73696d706c792061206c6f6e6720737472696e67,2cFupjhnEsSn59qHXstmK2ffpLv2",
        "00eb15231dfceb60925886b67d065299925915aeb172c06647,1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L",
        "516b6fcd0f,ABnLTmg",
        "bf4f89001e670274dd,3SEo3LWLoPntC",
        "572e4794,3EFU7m",
        "ecac89cad93923c02321,EJDM8drfXA6uyA",
        "10c8511e,Rt5zm",
        "00000000000000000000,1111111111"
      })
  void bitcoinVectors(String hex, String text) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertThat(Base58.encode(bytes)).isEqualTo(text);
    assertThat(Base58.decode(text)).isEqualTo(bytes);
  }

  @Test
  void randomRoundTrip() {
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      if (b.length > 0 && random.nextBoolean()) {
        b[0] = 0;
      }
      assertThat(Base58.decode(Base58.encode(b))).isEqualTo(b);
    }
  }

  @Test
  void invalidCharactersDecodeToNull() {
    assertThat(Base58.decode("0")).isNull();
    assertThat(Base58.decode("abcO")).isNull();
    assertThat(Base58.decode("I")).isNull();
    assertThat(Base58.decode("l")).isNull();
    assertThat(Base58.decode("é")).isNull();
  }
}
