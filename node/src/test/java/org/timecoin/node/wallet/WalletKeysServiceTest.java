package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.node.wallet.TestWallets.pass;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.PrivateKeyText;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletException.Kind;
import org.timecoin.node.api.WalletKeys;

/** The RPC-facing facade: text forms, and the reason each refusal carries. */
class WalletKeysServiceTest {
  @TempDir Path dir;
  private final VirtualScheduler scheduler = TestWallets.scheduler();
  private final WalletOptions options = TestWallets.options(scheduler);

  private WalletStore store() {
    return new WalletStore(dir.resolve("wallet.dat"), FileOps.REAL);
  }

  private WalletKeys keys(Wallet w) {
    return new WalletKeysService(w, Network.TESTNET);
  }

  private static void refused(ThrowingCall call, Kind reason, String text) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(WalletException.class, e -> assertThat(e.kind()).isEqualTo(reason))
        .hasMessageContaining(text);
  }

  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void addressesAndKeysTravelAsTextOfTheNodesNetwork() throws Exception {
    WalletKeys k = keys(Wallet.createPlain(store(), options));
    String address = k.newAddress("rent");
    assertThat(address).startsWith("TIME0");
    assertThat(k.addresses()).last().isEqualTo(new WalletKeys.WalletEntry(address, "rent"));
    String key = k.dumpPrivateKey(address);
    assertThat(key).startsWith(PrivateKeyText.PREFIX);
    WalletKeys other =
        keys(Wallet.createPlain(new WalletStore(dir.resolve("other.dat"), FileOps.REAL), options));
    assertThat(other.importPrivateKey(key, "moved")).isEqualTo(address);
    assertThat(other.info().keys()).isEqualTo(2);
  }

  @Test
  void lockedEncryptedWalletRefusesDumpAndImportButTellsItsState() throws Exception {
    WalletKeys k = keys(Wallet.absent(store(), options));
    char[] secret = pass("pw");
    k.encrypt(secret);
    assertThat(secret).containsOnly('\0');
    WalletKeys.WalletInfo info = k.info();
    assertThat(info.encrypted()).isTrue();
    assertThat(info.locked()).isTrue();
    assertThat(info.unlockedUntil()).isZero();
    assertThat(info.keypool()).isEqualTo(TestWallets.POOL);
    String address = k.addresses().getFirst().address();
    refused(() -> k.dumpPrivateKey(address), Kind.LOCKED, "walletpassphrase");
    String foreignKey =
        PrivateKeyText.encode(KeyPair.generate(new SecureRandom()), Network.TESTNET);
    refused(() -> k.importPrivateKey(foreignKey, ""), Kind.LOCKED, "locked");
    refused(() -> k.unlock(pass("nope"), 60), Kind.WRONG_PASSPHRASE, "wrong passphrase");
    refused(() -> k.encrypt(pass("again")), Kind.WRONG_STATE, "already encrypted");
    k.unlock(pass("pw"), 60);
    assertThat(k.info().unlockedUntil()).isEqualTo(scheduler.clock().wallMillis() / 1000 + 60);
    assertThat(k.dumpPrivateKey(address)).startsWith(PrivateKeyText.PREFIX);
    k.lock();
    refused(() -> k.dumpPrivateKey(address), Kind.LOCKED, "locked");
  }

  @Test
  void badTextIsRefusedWithItsReason() throws Exception {
    WalletKeys k = keys(Wallet.createPlain(store(), options));
    KeyPair stranger = KeyPair.generate(new SecureRandom());
    refused(
        () -> k.importPrivateKey(PrivateKeyText.encode(stranger, Network.MAINNET), ""),
        Kind.INVALID_KEY,
        "not for TESTNET");
    refused(() -> k.importPrivateKey("TIMEKEYabc", ""), Kind.INVALID_KEY, "invalid private key");
    String mainnetAddress = Address.fromPublicKey(stranger.publicKey()).toText(Network.MAINNET);
    refused(() -> k.dumpPrivateKey(mainnetAddress), Kind.INVALID_ADDRESS, "MAINNET");
    String testnetAddress = Address.fromPublicKey(stranger.publicKey()).toText(Network.TESTNET);
    refused(() -> k.dumpPrivateKey(testnetAddress), Kind.NOT_IN_WALLET, "no key");
    refused(() -> k.newAddress("é".repeat(101)), Kind.INVALID_PARAMETER, "200 bytes");
    refused(() -> k.unlock(pass("x"), 60), Kind.WRONG_STATE, "not encrypted");
    refused(k::lock, Kind.WRONG_STATE, "nothing to lock");
  }

  @Test
  void unlockTimeMustBeInRange() throws Exception {
    WalletKeys k = keys(Wallet.absent(store(), options));
    k.encrypt(pass("pw"));
    refused(() -> k.unlock(pass("pw"), 0), Kind.INVALID_PARAMETER, "between 1 and");
    refused(() -> k.unlock(pass("pw"), 100_000_001L), Kind.INVALID_PARAMETER, "between 1 and");
    assertThat(k.info().locked()).isTrue();
  }

  @Test
  void backupNeedsAnAbsolutePathAndNeverOverwrites() throws Exception {
    WalletKeys k = keys(Wallet.createPlain(store(), options));
    refused(() -> k.backup("relative.dat"), Kind.INVALID_PARAMETER, "absolute path");
    refused(() -> k.backup(dir.resolve("wallet.dat").toString()), Kind.INVALID_PARAMETER, "itself");
    Path sub = dir.resolve("backups");
    java.nio.file.Files.createDirectory(sub);
    assertThat(k.backup(sub.toString())).isEqualTo(sub.resolve("wallet.dat").toString());
    refused(() -> k.backup(sub.toString()), Kind.FILE_ERROR, "already exists");
  }

  @Test
  void withoutAWalletOnlyEncryptWorksAndItCreatesOne() throws Exception {
    WalletKeys k = keys(Wallet.absent(store(), options));
    assertThat(k.info().exists()).isFalse();
    assertThat(k.addresses()).isEmpty();
    refused(() -> k.newAddress(""), Kind.NO_WALLET, "encryptwallet");
    refused(k::lock, Kind.NO_WALLET, "no wallet");
    refused(() -> k.unlock(pass("pw"), 5), Kind.NO_WALLET, "no wallet");
    refused(() -> k.backup(dir.resolve("b").toString()), Kind.NO_WALLET, "no wallet");
    refused(() -> k.dumpPrivateKey("TIME0x"), Kind.NO_WALLET, "no wallet");
    refused(() -> k.encrypt(new char[0]), Kind.INVALID_PARAMETER, "empty");
    k.encrypt(pass("pw"));
    assertThat(k.info().exists()).isTrue();
    assertThat(k.addresses()).hasSize(1);
    assertThat(k.newAddress("from the pool")).startsWith("TIME0");
  }
}
