package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.node.wallet.TestWallets.pass;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.domain.crypto.KeyPair;

/** The wallet file: what round-trips, and every way a file is refused. */
class WalletFileTest {
  // Offsets in an encrypted file: magic 8, version 2, scheme 1, logN 1, r 4, p 4, salt 16,
  // verifier 32, then the key count and the keys.
  private static final int VERSION_AT = 8;
  private static final int LOG_N_AT = 11;
  private static final int R_AT = 12;
  private static final int ENCRYPTED_COUNT_AT = 68;
  private static final int ENCRYPTED_FIRST_KEY_AT = 72;
  private static final int PLAIN_FIRST_KEY_AT = 15;

  @TempDir Path dir;
  private final VirtualScheduler scheduler = TestWallets.scheduler();
  private final WalletOptions options = TestWallets.options(scheduler);

  private Path file() {
    return dir.resolve("wallet.dat");
  }

  private WalletStore store() {
    return new WalletStore(file(), FileOps.REAL);
  }

  private Wallet encrypted() throws Exception {
    Wallet w = Wallet.absent(store(), options);
    w.encrypt(pass("correct horse"));
    return w;
  }

  private static byte[] withChecksum(byte[] data) {
    int body = data.length - 32;
    System.arraycopy(Sha256.digest(Arrays.copyOf(data, body)), 0, data, body, 32);
    return data;
  }

  private void write(byte[] data) throws Exception {
    Files.write(file(), data);
  }

  @Test
  void plainWalletRoundTripsKeysAndLabels() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    w.newAddress("savings");
    w.newAddress("été ünïcode");
    Wallet again = Wallet.open(store(), options);
    assertThat(again.addresses()).isEqualTo(w.addresses());
    assertThat(again.addresses())
        .extracting(WalletAddress::label)
        .containsExactly("", "savings", "été ünïcode");
    for (WalletAddress a : w.addresses()) {
      assertThat(again.keyFor(a.address()).orElseThrow().publicKey()).isEqualTo(a.publicKey());
    }
    assertThat(again.status().encrypted()).isFalse();
  }

  @Test
  void encryptedWalletRoundTripsAndOpensLockedWithItsAddresses() throws Exception {
    Wallet w = encrypted();
    w.newAddress("from the pool, while locked");
    Wallet again = Wallet.open(store(), options);
    assertThat(again.status().locked()).isTrue();
    assertThat(again.addresses()).isEqualTo(w.addresses()).hasSize(2);
    WalletAddress second = again.addresses().get(1);
    assertThatThrownBy(() -> again.keyFor(second.address()))
        .isInstanceOf(WalletLockedException.class);
    again.unlock(pass("correct horse"), java.time.Duration.ofMinutes(1));
    assertThat(again.keyFor(second.address()).orElseThrow().publicKey())
        .isEqualTo(second.publicKey());
  }

  @Test
  void theFileHoldsNoSeedInTheClearOnceEncrypted() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    WalletAddress a = w.addresses().getFirst();
    byte[] seed = w.keyFor(a.address()).orElseThrow().seed();
    w.encrypt(pass("pw"));
    for (Path p : new Path[] {file(), store().backupFile()}) {
      byte[] data = Files.readAllBytes(p);
      assertThat(indexOf(data, seed)).as(p.toString()).isEqualTo(-1);
      assertThat(Wallet.open(new WalletStore(p, FileOps.REAL), options).status().encrypted())
          .isTrue();
    }
  }

  @Test
  void wrongPassphraseIsAnErrorAndTheWalletStaysLockedAndWhole() throws Exception {
    Wallet w = encrypted();
    Wallet again = Wallet.open(store(), options);
    assertThatThrownBy(() -> again.unlock(pass("Correct horse"), java.time.Duration.ofMinutes(1)))
        .isInstanceOf(WrongPassphraseException.class)
        .hasMessageContaining("wrong passphrase");
    assertThat(again.status().locked()).isTrue();
    assertThat(again.addresses()).isEqualTo(w.addresses()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {12, 40, 70, 80, 120, -40, -1})
  void aFlippedByteAnywhereIsADamagedFileNamingTheBackup(int at) throws Exception {
    encrypted();
    byte[] data = Files.readAllBytes(file());
    int i = at < 0 ? data.length + at : at;
    data[i] ^= 0x01;
    write(data);
    assertThatThrownBy(() -> Wallet.open(store(), options))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("is damaged (checksum mismatch")
        .hasMessageContaining("wallet.dat.bak");
  }

  @Test
  void aTruncatedFileIsDamaged() throws Exception {
    Wallet.createPlain(store(), options).newAddress("x");
    byte[] data = Files.readAllBytes(file());
    write(Arrays.copyOf(data, data.length / 2));
    assertThatThrownBy(() -> Wallet.open(store(), options))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining(file() + " is damaged");
    write(Arrays.copyOf(data, 11));
    assertThatThrownBy(() -> Wallet.open(store(), options))
        .hasMessageContaining(file() + " is damaged");
  }

  @Test
  void aForeignOrEmptyFileIsNotAWallet() throws Exception {
    for (byte[] foreign :
        new byte[][] {
          "{\"keys\": []}".getBytes(StandardCharsets.UTF_8),
          new byte[0],
          new byte[4096],
          "TIMEWLT".getBytes(StandardCharsets.US_ASCII)
        }) {
      write(foreign);
      assertThatThrownBy(() -> Wallet.open(store(), options))
          .isInstanceOf(WalletFileException.class)
          .hasMessageContaining(file() + " is not a TIME Coin wallet file")
          .hasMessageContaining("restore it from " + file() + ".bak");
    }
  }

  @Test
  void aNewerFormatNamesItsVersion() throws Exception {
    Wallet.createPlain(store(), options);
    byte[] data = Files.readAllBytes(file());
    data[VERSION_AT] = 2;
    write(withChecksum(data));
    assertThatThrownBy(() -> Wallet.open(store(), options))
        .hasMessageContaining("has wallet format 2")
        .hasMessageContaining("reads format 1");
  }

  @Test
  void tamperedCiphertextWithAValidChecksumFailsTheTagAtUnlock() throws Exception {
    encrypted();
    byte[] data = Files.readAllBytes(file());
    data[data.length - 32 - 20] ^= 0x40; // inside the sealed seeds
    write(withChecksum(data));
    Wallet w = Wallet.open(store(), options);
    assertThatThrownBy(() -> w.unlock(pass("correct horse"), java.time.Duration.ofMinutes(1)))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining("fail their integrity check")
        .hasMessageContaining(file().toString());
    assertThat(w.status().locked()).isTrue();
  }

  @Test
  void aReplacedPublicKeyIsCaughtEncryptedOrNot() throws Exception {
    encrypted();
    byte[] data = Files.readAllBytes(file());
    data[ENCRYPTED_FIRST_KEY_AT + 3] ^= 0x01;
    write(withChecksum(data));
    Wallet w = Wallet.open(store(), options);
    assertThatThrownBy(() -> w.unlock(pass("correct horse"), java.time.Duration.ofMinutes(1)))
        .hasMessageContaining("fail their integrity check");

    Files.delete(file());
    Wallet.createPlain(store(), options);
    data = Files.readAllBytes(file());
    data[PLAIN_FIRST_KEY_AT + 3] ^= 0x01;
    write(withChecksum(data));
    assertThatThrownBy(() -> Wallet.open(store(), options))
        .hasMessageContaining("does not match its public key");
  }

  @Test
  void kdfCostsOrAKeyCountBeyondTheBoundsAreRefusedBeforeAnyWork() throws Exception {
    encrypted();
    byte[] good = Files.readAllBytes(file());
    byte[] data = good.clone();
    data[LOG_N_AT] = 30;
    write(withChecksum(data));
    assertThatThrownBy(() -> Wallet.open(store(), options)).hasMessageContaining("out of range");

    data = good.clone();
    data[LOG_N_AT] = 20;
    data[R_AT] = 32; // 128 · 32 · 2^20 bytes = 4 GiB
    write(withChecksum(data));
    assertThatThrownBy(() -> Wallet.open(store(), options))
        .hasMessageContaining("more than 256 MiB");

    data = good.clone();
    data[ENCRYPTED_COUNT_AT + 3] = 0x7F;
    write(withChecksum(data));
    assertThatThrownBy(() -> Wallet.open(store(), options))
        .hasMessageContaining("keys, more than 100000");
  }

  @Test
  void aFullWalletRefusesAnotherKeyAndStaysReadable() throws Exception {
    KdfParams kdf = new KdfParams(10, 8, 1, new byte[KdfParams.SALT_BYTES]);
    WalletCipher.Derived derived = WalletCipher.derive(pass("pw"), kdf);
    WalletImage.Encryption enc = new WalletImage.Encryption(kdf, derived.verifier());
    KeyPair zero = KeyPair.fromSeed(new byte[32]); // its seeds, joined, are all zeros
    List<WalletImage.KeyEntry> keys =
        Collections.nCopies(
            WalletFormat.MAX_KEYS, new WalletImage.KeyEntry(zero.publicKey(), "", false));
    byte[] sealed =
        WalletCipher.seal(
            derived.aesKey(),
            new byte[32 * WalletFormat.MAX_KEYS],
            WalletFormat.associatedData(enc, keys),
            new SecureRandom());
    write(WalletFormat.encode(new WalletImage(enc, keys, sealed)));
    byte[] before = Files.readAllBytes(file());

    Wallet w = Wallet.open(store(), options);
    w.unlock(pass("pw"), java.time.Duration.ofMinutes(1));
    assertThatThrownBy(() -> w.newAddress("one more"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the wallet is full");
    assertThatThrownBy(() -> w.importKey(KeyPair.generate(new SecureRandom()), ""))
        .hasMessageContaining("the wallet is full");
    assertThat(w.status().keys()).isEqualTo(WalletFormat.MAX_KEYS);
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
  }

  private static int indexOf(byte[] data, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= data.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (data[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
