package org.timecoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeAmountTest {
  @ParameterizedTest
  @CsvSource({
    "1, 100000000",
    "1.5, 150000000",
    "0.00000001, 1",
    "0.1, 10000000",
    "12345678.12345678, 1234567812345678",
    "92233720368.54775807, 9223372036854775807",
    "2e-3, 200000",
    "1.00000000000, 100000000",
    "0, 0"
  })
  void exactDecimalsBecomeUnits(String text, long units) {
    assertThat(TimeAmount.parse(text)).isEqualTo(units);
    assertThat(TimeAmount.toUnits(new BigDecimal(text))).isEqualTo(units);
  }

  @ParameterizedTest
  @CsvSource({
    "-1, must not be negative",
    "-0.00000001, must not be negative",
    "0.000000001, more than 8 decimals",
    "1.123456789, more than 8 decimals",
    "1e-999999999, more than 8 decimals",
    "92233720368.54775808, largest possible supply",
    "1e20, largest possible supply",
    "1e999999999, largest possible supply",
    "NaN, finite",
    "Infinity, finite",
    "-Infinity, finite",
    "abc, decimal number",
    "'', decimal number",
    "0x10, decimal number"
  })
  void everyBadAmountIsRefusedWithTheReason(String text, String reason) {
    assertThatThrownBy(() -> TimeAmount.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void unitsFormatAsExactDecimals() {
    assertThat(TimeAmount.format(1)).isEqualTo("0.00000001");
    assertThat(TimeAmount.format(150_000_000)).isEqualTo("1.5");
  }
}
