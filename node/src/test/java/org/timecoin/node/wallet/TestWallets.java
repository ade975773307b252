package org.timecoin.node.wallet;

import java.security.SecureRandom;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;

/** Wallet options for tests: virtual time, a cheap scrypt (the file stores it) and a small pool. */
final class TestWallets {
  static final int POOL = 3;

  private TestWallets() {}

  static WalletOptions options(VirtualScheduler scheduler) {
    return new WalletOptions(
        scheduler.clock(),
        scheduler,
        new SecureRandom(),
        new KdfParams(10, 8, 1, new byte[KdfParams.SALT_BYTES]),
        POOL);
  }

  static VirtualScheduler scheduler() {
    return new VirtualScheduler(new VirtualClock());
  }

  static char[] pass(String s) {
    return s.toCharArray();
  }
}
