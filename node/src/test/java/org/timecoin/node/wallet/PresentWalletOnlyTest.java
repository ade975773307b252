package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;

class PresentWalletOnlyTest {
  /** Answers "locked" to everything, so a call that reached it is told apart from "no wallet". */
  private static final WalletService LOCKED =
      (WalletService)
          java.lang.reflect.Proxy.newProxyInstance(
              WalletService.class.getClassLoader(),
              new Class<?>[] {WalletService.class},
              (proxy, method, args) -> {
                throw new WalletException(WalletException.Kind.LOCKED, "locked");
              });

  @Test
  void answersNoWalletUntilTheWalletExists() {
    AtomicBoolean present = new AtomicBoolean(false);
    WalletService w = new PresentWalletOnly(present::get, LOCKED);
    assertThatThrownBy(w::balance)
        .isInstanceOfSatisfying(
            WalletException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletException.Kind.NO_WALLET));
    assertThat(w.send("TIME0x", 1, Optional.empty()))
        .failsWithin(java.time.Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOfSatisfying(
            WalletException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletException.Kind.NO_WALLET));

    present.set(true);
    assertThatThrownBy(w::balance)
        .isInstanceOfSatisfying(
            WalletException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletException.Kind.LOCKED));
  }
}
