package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExposureWarningTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, false",
    "::1, false",
    "localhost, false",
    "0.0.0.0, true",
    "10.1.2.3, true"
  })
  void aNonLoopbackBindingIsWarnedAbout(String bind, boolean warned) {
    Optional<String> w = RpcHttpServer.exposureWarning(bind);
    assertThat(w.isPresent()).isEqualTo(warned);
    w.ifPresent(text -> assertThat(text).contains(bind, "try passwords", "firewall"));
  }
}
