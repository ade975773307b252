package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.node.wallet.TestWallets.pass;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;

/** Locking, unlocking on virtual time, the key pool, importing keys and the state rules. */
class WalletTest {
  @TempDir Path dir;
  private final VirtualScheduler scheduler = TestWallets.scheduler();
  private final WalletOptions options = TestWallets.options(scheduler);

  private WalletStore store() {
    return new WalletStore(dir.resolve("wallet.dat"), FileOps.REAL);
  }

  private Wallet encrypted() throws Exception {
    Wallet w = Wallet.absent(store(), options);
    w.encrypt(pass("pw"));
    return w;
  }

  @Test
  void unlockLastsExactlyItsDurationOnTheInjectedClock() throws Exception {
    Wallet w = encrypted();
    Address a = w.addresses().getFirst().address();
    long start = scheduler.clock().wallMillis();
    w.unlock(pass("pw"), Duration.ofSeconds(60));
    assertThat(w.status().unlockedUntilMillis()).isEqualTo(start + 60_000);
    assertThat(w.keyFor(a)).isPresent();
    scheduler.runFor(Duration.ofSeconds(59));
    assertThat(w.status().locked()).isFalse();
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(w.status().locked()).isTrue();
    assertThat(w.status().unlockedUntilMillis()).isZero();
    assertThatThrownBy(() -> w.keyFor(a)).isInstanceOf(WalletLockedException.class);
  }

  @Test
  void aSecondUnlockReplacesTheTimeoutAndLockEndsItAtOnce() throws Exception {
    Wallet w = encrypted();
    Address a = w.addresses().getFirst().address();
    w.unlock(pass("pw"), Duration.ofSeconds(10));
    w.unlock(pass("pw"), Duration.ofSeconds(100));
    scheduler.runFor(Duration.ofSeconds(50));
    assertThat(w.keyFor(a)).isPresent();
    assertThat(scheduler.executed()).as("the first timeout was cancelled").isZero();
    w.lock();
    assertThat(w.status().locked()).isTrue();
    assertThatThrownBy(() -> w.keyFor(a)).isInstanceOf(WalletLockedException.class);
    scheduler.runFor(Duration.ofHours(1));
    assertThat(scheduler.executed()).as("lock cancelled the second").isZero();
  }

  @Test
  void aLockedWalletHandsOutPooledAddressesUntilThePoolIsEmpty() throws Exception {
    Wallet w = encrypted();
    assertThat(w.status().keypool()).isEqualTo(TestWallets.POOL);
    for (int i = 0; i < TestWallets.POOL; i++) {
      WalletAddress a = w.newAddress("locked " + i);
      assertThat(w.owns(a.address())).isTrue();
    }
    assertThatThrownBy(() -> w.newAddress("one too many"))
        .isInstanceOf(WalletLockedException.class);
    w.unlock(pass("pw"), Duration.ofMinutes(1));
    assertThat(w.status().keypool()).isEqualTo(TestWallets.POOL);
    WalletAddress fresh = w.newAddress("unlocked");
    assertThat(w.keyFor(fresh.address()).orElseThrow().publicKey()).isEqualTo(fresh.publicKey());
    assertThat(w.status().keypool()).isEqualTo(TestWallets.POOL);
    assertThat(w.addresses()).hasSize(TestWallets.POOL + 2);
  }

  @Test
  void pooledKeysAreNeitherListedNorOwnedUntilHandedOut() throws Exception {
    Wallet w = encrypted();
    assertThat(w.addresses()).hasSize(1);
    assertThat(w.status().keys()).isEqualTo(1);
    WalletAddress next = w.newAddress("next");
    assertThat(w.addresses()).hasSize(2).endsWith(next);
  }

  @Test
  void stateRulesOfEncryption() throws Exception {
    Wallet plain = Wallet.createPlain(store(), options);
    assertThatThrownBy(() -> plain.unlock(pass("x"), Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            WalletStateException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletStateException.Kind.NOT_ENCRYPTED));
    assertThatThrownBy(() -> plain.encrypt(new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
    plain.encrypt(pass("pw"));
    assertThat(plain.status().encrypted()).isTrue();
    assertThat(plain.status().locked()).isTrue();
    assertThatThrownBy(() -> plain.encrypt(pass("again")))
        .isInstanceOfSatisfying(
            WalletStateException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletStateException.Kind.ALREADY_ENCRYPTED));

    Wallet none = Wallet.absent(new WalletStore(dir.resolve("none.dat"), FileOps.REAL), options);
    assertThat(none.status().exists()).isFalse();
    assertThat(none.addresses()).isEmpty();
    assertThatThrownBy(() -> none.unlock(pass("x"), Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(
            WalletStateException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletStateException.Kind.NO_WALLET));
    assertThatThrownBy(() -> none.backupTo(dir.resolve("b.dat")))
        .isInstanceOf(WalletStateException.class);
    assertThat(dir.resolve("none.dat")).doesNotExist();
  }

  @Test
  void encryptingAPlainWalletKeepsItsKeys() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    WalletAddress a = w.newAddress("kept");
    KeyPair before = w.keyFor(a.address()).orElseThrow();
    w.encrypt(pass("pw"));
    assertThatThrownBy(() -> w.keyFor(a.address())).isInstanceOf(WalletLockedException.class);
    w.unlock(pass("pw"), Duration.ofSeconds(5));
    assertThat(w.keyFor(a.address()).orElseThrow().seed()).isEqualTo(before.seed());
    assertThat(w.addresses()).extracting(WalletAddress::label).containsExactly("", "kept");
  }

  @Test
  void importNeedsTheWalletUnlockedAndKeepsAKeyOnce() throws Exception {
    Wallet w = encrypted();
    KeyPair key = KeyPair.generate(new SecureRandom());
    Address address = Address.fromPublicKey(key.publicKey());
    assertThatThrownBy(() -> w.importKey(key, "imported"))
        .isInstanceOf(WalletLockedException.class);
    w.unlock(pass("pw"), Duration.ofMinutes(1));
    assertThat(w.importKey(key, "imported")).isEqualTo(address);
    assertThat(w.importKey(key, "again")).isEqualTo(address);
    assertThat(w.addresses())
        .filteredOn(x -> x.address().equals(address))
        .hasSize(1)
        .first()
        .extracting(WalletAddress::label)
        .isEqualTo("imported");
    assertThat(w.keyFor(address).orElseThrow().seed()).isEqualTo(key.seed());
    Wallet reopened = Wallet.open(store(), options);
    reopened.unlock(pass("pw"), Duration.ofMinutes(1));
    assertThat(reopened.keyFor(address).orElseThrow().seed()).isEqualTo(key.seed());
  }

  @Test
  void unknownAddressesHaveNoKeyEvenWhileLocked() throws Exception {
    Wallet w = encrypted();
    Address stranger = Address.fromPublicKey(KeyPair.generate(new SecureRandom()).publicKey());
    assertThat(w.owns(stranger)).isFalse();
    assertThat(w.keyFor(stranger)).isEmpty();
  }

  @Test
  void aLabelOverTheBoundIsRefused() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    assertThatThrownBy(() -> w.newAddress("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(w.addresses()).hasSize(1);
  }

  @Test
  void aTimerThatFiresEarlyWaitsForTheRestOfTheUnlockTime() throws Exception {
    java.util.List<Runnable> timers = new java.util.ArrayList<>();
    WalletOptions early =
        new WalletOptions(
            scheduler.clock(),
            (delay, task) -> {
              timers.add(task);
              return () -> {};
            },
            new SecureRandom(),
            options.kdfCosts(),
            TestWallets.POOL);
    Wallet w = Wallet.absent(store(), early);
    w.encrypt(pass("pw"));
    w.unlock(pass("pw"), Duration.ofSeconds(30));
    timers.removeFirst().run(); // before the clock reached the deadline
    assertThat(w.status().locked()).isFalse();
    assertThat(timers).hasSize(1);
    scheduler.clock().advance(Duration.ofSeconds(30));
    timers.removeFirst().run();
    assertThat(w.status().locked()).isTrue();
    assertThat(timers).isEmpty();
  }

  @Test
  void lockOverwritesTheSeedsItHeld() throws Exception {
    Wallet w = encrypted();
    w.unlock(pass("pw"), Duration.ofHours(1));
    java.lang.reflect.Field f = Wallet.class.getDeclaredField("seeds");
    f.setAccessible(true);
    byte[][] held = (byte[][]) f.get(w);
    assertThat(held).isNotEmpty();
    assertThat(held[0]).isNotEqualTo(new byte[32]);
    w.lock();
    for (byte[] seed : held) {
      assertThat(seed).isEqualTo(new byte[32]);
    }
  }

  @Test
  void closeLocksTheWallet() throws Exception {
    Wallet w = encrypted();
    w.unlock(pass("pw"), Duration.ofHours(1));
    w.close();
    assertThat(w.status().locked()).isTrue();
  }
}
