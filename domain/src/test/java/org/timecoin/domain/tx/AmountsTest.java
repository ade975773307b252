package org.timecoin.domain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {
  @Test
  void addIsOverflowChecked() {
    assertThat(Amounts.add(1, 2)).isEqualTo(3);
    assertThatThrownBy(() -> Amounts.add(Long.MAX_VALUE, 1))
        .isInstanceOf(ArithmeticException.class);
    assertThat(Amounts.ofTime(3)).isEqualTo(300_000_000L);
    assertThatThrownBy(() -> Amounts.ofTime(Long.MAX_VALUE / 10))
        .isInstanceOf(ArithmeticException.class);
  }

  @ParameterizedTest
  @CsvSource({"0,0", "1,0.00000001", "150000000,1.5", "100000000,1", "123456789012,1234.56789012"})
  void decimalTextRoundTrips(long units, String text) {
    assertThat(Amounts.toTimeString(units)).isEqualTo(text);
    assertThat(Amounts.parseTime(text)).isEqualTo(units);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0.000000001", "abc", "100000000000000000000"})
  void badDecimalTextIsRejected(String text) {
    assertThatThrownBy(() -> Amounts.parseTime(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
