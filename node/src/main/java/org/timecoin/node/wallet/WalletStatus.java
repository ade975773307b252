package org.timecoin.node.wallet;

/**
 * A snapshot of the wallet: {@code keys} handed out, {@code keypool} generated but not yet handed
 * out, and, while unlocked, the wall-clock millisecond at which it locks again (0 otherwise).
 */
public record WalletStatus(
    boolean exists,
    boolean encrypted,
    boolean locked,
    long unlockedUntilMillis,
    int keys,
    int keypool) {}
