package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.domain.tx.Network;

/** What a node finds at start: a wallet, nothing, or (see the durability test) only a backup. */
class WalletOpenerTest {
  @TempDir Path dir;
  private final WalletOptions options = TestWallets.options(TestWallets.scheduler());

  @Test
  void aPlainWalletIsCreatedOnlyWhenTheOperatorAllowsIt() {
    Path file = dir.resolve("wallet.dat");
    Wallet waiting = WalletOpener.open(file, true, Network.TESTNET, FileOps.REAL, options);
    assertThat(waiting.status().exists()).isFalse();
    assertThat(file).doesNotExist();

    Wallet plain = WalletOpener.open(file, false, Network.TESTNET, FileOps.REAL, options);
    assertThat(plain.status().exists()).isTrue();
    assertThat(plain.status().encrypted()).isFalse();
    assertThat(plain.addresses()).hasSize(1);
    assertThat(file).exists();
  }

  @Test
  void anExistingWalletIsOpenedWhateverTheSetting() throws Exception {
    Path file = dir.resolve("wallet.dat");
    Wallet first = WalletOpener.open(file, false, Network.TESTNET, FileOps.REAL, options);
    Wallet again = WalletOpener.open(file, true, Network.TESTNET, FileOps.REAL, options);
    assertThat(again.addresses()).isEqualTo(first.addresses());
  }
}
