package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.VirtualScheduler;
import org.timecoin.domain.tx.Network;

/** Saves that fail half way, the backup file, copies, and saves from many threads at once. */
class WalletDurabilityTest {
  @TempDir Path dir;
  private final VirtualScheduler scheduler = TestWallets.scheduler();
  private final WalletOptions options = TestWallets.options(scheduler);
  private final FailingFileOps disk = new FailingFileOps();

  private Path file() {
    return dir.resolve("wallet.dat");
  }

  private WalletStore store() {
    return new WalletStore(file(), disk);
  }

  @Test
  void diskFullWhileSavingTheWalletKeepsThePreviousVersionAndNamesTheFile() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    w.newAddress("a");
    byte[] before = Files.readAllBytes(file());
    List<WalletAddress> addresses = w.addresses();

    disk.failWritesTo("wallet.dat.tmp");
    assertThatThrownBy(() -> w.newAddress("lost"))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining("cannot save the wallet to " + file())
        .hasMessageContaining("No space left on device")
        .hasMessageContaining(file() + " still holds the version before this change");

    assertThat(Files.readAllBytes(file())).isEqualTo(before);
    assertThat(w.addresses()).isEqualTo(addresses);
    assertThat(Wallet.open(store(), options).addresses()).isEqualTo(addresses);
    assertThat(dir.resolve("wallet.dat.tmp")).doesNotExist();

    disk.failWritesTo(null);
    WalletAddress next = w.newAddress("after the disk was freed");
    assertThat(Wallet.open(store(), options).addresses()).endsWith(next);
  }

  @Test
  void diskFullWhileWritingTheBackupKeepsTheWalletAsItWas() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    w.newAddress("a");
    byte[] before = Files.readAllBytes(file());
    disk.failWritesTo("wallet.dat.bak.tmp");
    assertThatThrownBy(() -> w.newAddress("lost"))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining("cannot save the wallet to " + file() + ".bak")
        .hasMessageContaining(file() + " still holds the version before this change");
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
  }

  @Test
  void aFailedRenameLeavesTheWalletWhole() throws Exception {
    Wallet w = Wallet.absent(store(), options);
    w.encrypt(TestWallets.pass("pw"));
    byte[] before = Files.readAllBytes(file());
    disk.failRenames(true);
    assertThatThrownBy(() -> w.newAddress("x")).isInstanceOf(WalletFileException.class);
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
    assertThat(w.status().keypool()).isEqualTo(TestWallets.POOL);
  }

  @Test
  void theBackupHoldsTheVersionBeforeTheLastSave() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    w.newAddress("one");
    w.newAddress("two");
    Wallet backup = Wallet.open(new WalletStore(store().backupFile(), disk), options);
    assertThat(backup.addresses()).isEqualTo(w.addresses().subList(0, 2));
  }

  @Test
  void aMissingWalletWithABackupIsRestoredNotReplaced() throws Exception {
    Wallet.createPlain(store(), options).newAddress("x");
    Files.delete(file());
    assertThatThrownBy(() -> WalletOpener.open(file(), false, Network.TESTNET, disk, options))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining(file() + " is missing but its backup " + file() + ".bak exists")
        .hasMessageContaining("cp ");
    assertThat(file()).doesNotExist();
    Files.copy(store().backupFile(), file());
    assertThat(WalletOpener.open(file(), false, Network.TESTNET, disk, options).addresses())
        .hasSize(1);
  }

  @Test
  void aTemporaryFileLeftByACrashIsHarmless() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    Files.write(dir.resolve("wallet.dat.tmp"), new byte[] {1, 2, 3});
    Wallet again = Wallet.open(store(), options);
    again.newAddress("after the crash");
    assertThat(Wallet.open(store(), options).addresses()).hasSize(2);
    assertThat(w.addresses()).hasSize(1);
  }

  @Test
  void backupCopiesTheFileAndNeverOverwrites() throws Exception {
    Wallet w = Wallet.createPlain(store(), options);
    Path target = dir.resolve("copy.dat");
    w.backupTo(target);
    assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(file()));
    w.newAddress("later");
    assertThatThrownBy(() -> w.backupTo(target))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining(target + " already exists");
    assertThat(Wallet.open(new WalletStore(target, disk), options).addresses()).hasSize(1);
    assertThatThrownBy(() -> w.backupTo(dir.resolve("no/such/dir/copy.dat")))
        .isInstanceOf(WalletFileException.class)
        .hasMessageContaining("cannot write the backup " + dir.resolve("no/such/dir/copy.dat"));
    disk.failWritesTo("full.dat.tmp");
    assertThatThrownBy(() -> w.backupTo(dir.resolve("full.dat")))
        .hasMessageContaining("No space left on device");
    assertThat(dir.resolve("full.dat")).doesNotExist();
    assertThat(dir.resolve("full.dat.tmp")).doesNotExist();
  }

  @Test
  void concurrentNewAddressesAreAllSavedAndDistinct() throws Exception {
    for (boolean encrypted : new boolean[] {false, true}) {
      Path f = dir.resolve(encrypted ? "enc.dat" : "plain.dat");
      WalletStore s = new WalletStore(f, disk);
      Wallet w;
      if (encrypted) {
        w = Wallet.absent(s, options);
        w.encrypt(TestWallets.pass("pw"));
        w.unlock(TestWallets.pass("pw"), java.time.Duration.ofHours(1));
      } else {
        w = Wallet.createPlain(s, options);
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<WalletAddress>> made = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String label = "t" + i;
        made.add(pool.submit(() -> w.newAddress(label)));
      }
      HashSet<WalletAddress> got = new HashSet<>();
      for (Future<WalletAddress> f2 : made) {
        got.add(f2.get());
      }
      pool.shutdown();
      assertThat(got).hasSize(80);
      Wallet reopened = Wallet.open(s, options);
      assertThat(reopened.addresses()).isEqualTo(w.addresses()).hasSize(81).containsAll(got);
      if (encrypted) {
        reopened.unlock(TestWallets.pass("pw"), java.time.Duration.ofMinutes(1));
      }
      for (WalletAddress a : got) {
        assertThat(reopened.keyFor(a.address()).orElseThrow().publicKey()).isEqualTo(a.publicKey());
      }
    }
  }
}
