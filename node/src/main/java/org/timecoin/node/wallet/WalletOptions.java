package org.timecoin.node.wallet;

import java.security.SecureRandom;
import org.timecoin.common.time.Clock;
import org.timecoin.common.time.Scheduler;

/**
 * What a {@link Wallet} needs besides its file: time for the unlock timeout, randomness for keys,
 * salts and nonces, the scrypt costs of new encryptions, and how many keys an encrypted wallet
 * keeps ready to hand out while locked.
 */
public record WalletOptions(
    Clock clock, Scheduler scheduler, SecureRandom random, KdfParams kdfCosts, int keypoolSize) {
  public static final int DEFAULT_KEYPOOL = 100;

  public static WalletOptions standard(Clock clock, Scheduler scheduler) {
    return new WalletOptions(
        clock,
        scheduler,
        new SecureRandom(),
        KdfParams.standard(new byte[KdfParams.SALT_BYTES]),
        DEFAULT_KEYPOOL);
  }
}
