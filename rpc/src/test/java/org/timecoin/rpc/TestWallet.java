package org.timecoin.rpc;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.wallet.FileOps;
import org.timecoin.node.wallet.KdfParams;
import org.timecoin.node.wallet.Wallet;
import org.timecoin.node.wallet.WalletKeysService;
import org.timecoin.node.wallet.WalletOptions;
import org.timecoin.node.wallet.WalletStore;

/** The node's real wallet for RPC tests, with a cheap scrypt and no relock timer. */
public final class TestWallet {
  private TestWallet() {}

  static WalletOptions options() {
    return new WalletOptions(
        Clock.SYSTEM,
        (delay, task) -> () -> {},
        new SecureRandom(),
        new KdfParams(10, 8, 1, new byte[KdfParams.SALT_BYTES]),
        3);
  }

  /** No wallet yet; encryptwallet would create {@code dir/wallet.dat}. */
  public static WalletKeys absent(Path dir) {
    return new WalletKeysService(
        Wallet.absent(new WalletStore(dir.resolve("wallet.dat"), FileOps.REAL), options()),
        Network.TESTNET);
  }

  /** An unencrypted wallet with one key in {@code dir/wallet.dat}. */
  public static WalletKeys plain(Path dir) {
    return new WalletKeysService(
        Wallet.createPlain(new WalletStore(dir.resolve("wallet.dat"), FileOps.REAL), options()),
        Network.TESTNET);
  }
}
