package org.timecoin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.wallet.CoinSelector;
import org.timecoin.node.wallet.FeeSchedule;
import org.timecoin.node.wallet.WalletCoins;

/**
 * Coin selection in a wallet of {@code utxos} coins (amounts log-uniform from 0.001 to 100 TIME):
 * each sample chooses and reserves the coins of a payment (log-uniform from 0.01 to 1,000 TIME, so
 * some need several coins), as a send does, then releases them.
 */
final class CoinSelectionTiming {
  private CoinSelectionTiming() {}

  static Samples measure(int utxos, int selections, long seed, Clock clock) {
    Random random = new Random(seed);
    WalletCoins coins = new WalletCoins();
    Address owner = Address.ofPayload(new byte[Address.SIZE]);
    List<Utxo> all = new ArrayList<>(utxos);
    for (int i = 0; i < utxos; i++) {
      OutPoint op = new OutPoint(Sha256.hash(("coin" + seed + ":" + i).getBytes()), i % 4);
      all.add(
          new Utxo(
              op,
              new TxOut(logUniform(random, 100_000, 100 * Amounts.UNITS_PER_TIME), owner),
              1,
              false));
    }
    coins.add(all);
    FeeSchedule fees = new FeeSchedule(ConsensusParams.defaults(), 1);
    Samples samples = new Samples();
    for (int i = 0; i < selections + selections / 2; i++) {
      long amount =
          logUniform(random, Amounts.UNITS_PER_TIME / 100, 1_000 * Amounts.UNITS_PER_TIME);
      long start = clock.monoNanos();
      WalletCoins.Reserved r;
      try {
        r = coins.reserve((a, t) -> CoinSelector.forPayment(a, t, amount, fees));
      } catch (WalletException e) {
        throw new IllegalStateException("a wallet of " + utxos + " coins cannot pay " + amount, e);
      }
      long took = clock.monoNanos() - start;
      coins.release(r.reservation());
      if (i >= selections / 2) { // the first third warms the JIT up
        samples.add(took);
      }
    }
    return samples;
  }

  private static long logUniform(Random r, long min, long max) {
    return (long) Math.exp(Math.log(min) + r.nextDouble() * (Math.log(max) - Math.log(min)));
  }
}
