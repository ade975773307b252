package org.timecoin.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.devnet.LoadGenerator;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.RpcCredentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench wallet}: {@code sendtoaddress} over JSON-RPC on node 0 of a devnet loaded with
 * {@code --load} transfers/s, timed from the call to the block holding the transaction stored on
 * node 0; and coin selection in a wallet of {@code --utxos} coins.
 */
@Command(
    name = "wallet",
    mixinStandardHelpOptions = true,
    description = "sendtoaddress call-to-final latency under load; coin selection time.")
public final class WalletBench extends BenchCommand {
  @Option(names = "--validators", defaultValue = "4", description = "Validators in the devnet.")
  int validators;

  @Option(names = "--load", defaultValue = "1000", description = "Background transfers/s.")
  int load;

  @Option(names = "--sends", defaultValue = "120", description = "sendtoaddress calls timed.")
  int sends;

  @Option(
      names = "--send-interval-ms",
      defaultValue = "250",
      description = "Time between two sendtoaddress calls.")
  long sendIntervalMs;

  @Option(names = "--warmup-s", defaultValue = "5", description = "Load before the first send.")
  long warmupS;

  @Option(
      names = "--block-interval-ms",
      defaultValue = "1000",
      description = "Least time between blocks (the node default).")
  long blockIntervalMs;

  @Option(
      names = "--empty-block-interval-ms",
      defaultValue = "2000",
      description = "An empty block this often when idle.")
  long emptyBlockIntervalMs;

  @Option(
      names = "--utxos",
      defaultValue = "100000",
      description = "Coins of the wallet whose" + " coin selection is timed.")
  int utxos;

  @Option(names = "--selections", defaultValue = "5000", description = "Coin selections timed.")
  int selections;

  @Option(
      names = "--dir",
      description = "Parent of the devnet's temporary directory (default: system temp).")
  Path dir;

  @Override
  protected void run(Report report, Progress progress) throws Exception {
    progress.log("coin selection: %d selections in a wallet of %d coins", selections, utxos);
    Samples selection = CoinSelectionTiming.measure(utxos, selections, seed, clock);
    SendTimes sent = sendUnderLoad(report, progress);

    Samples finals = sent.finalized;
    boolean enough = finals.count() >= 100;
    double p99 = finals.count() == 0 ? Double.NaN : enough ? finals.p99Ms() : finals.maxMs();
    double p50 = finals.count() == 0 ? Double.NaN : finals.p50Ms();
    report.field("validators", validators);
    report.field("load_tps", load);
    report.field("sends", sends);
    report.field("sends_final", finals.count());
    report.field("send_errors", sent.errors);
    report.field("send_final_p99_is_max", !enough);
    report.figure("send_final_ms_p50", p50, "ms", "sendtoaddress call to final on node0, p50");
    report.figure(
        "send_final_ms_p99", p99, "ms", enough ? "... p99" : "... max (fewer than 100 sends)");
    report.figure(
        "send_admit_ms_p50",
        sent.admitted.count() == 0 ? Double.NaN : sent.admitted.p50Ms(),
        "ms",
        "sendtoaddress call to its answer (admitted), p50");
    report.figure(
        "background_committed_tps",
        sent.backgroundTps,
        "tx/s",
        "background transfers committed/s while sending");
    report.figure(
        "background_final_ms_p50",
        sent.background.p50Ms(),
        "ms",
        "background transfers, submit to final on node0, p50 (the same path without the wallet)");
    report.figure(
        "background_final_ms_p99",
        sent.background.p99Ms(),
        "ms",
        "background transfers, submit to final on node0, p99");
    report.field("wallet_utxos", utxos);
    report.figure("coin_select_ms_p50", selection.p50Ms(), "ms", "choose and reserve coins, p50");
    report.figure("coin_select_ms_p99", selection.p99Ms(), "ms", "choose and reserve coins, p99");
    report.field("coin_select_ms_max", selection.maxMs());
    report.goalAtMost("send_final_ms_p99", "sendtoaddress to final p99 <= 2 s", p99, 2_000);
    report.goalAtMost("coin_select_ms_p99", "coin selection p99 <= 5 ms", selection.p99Ms(), 5);
  }

  private record SendTimes(
      Samples finalized,
      Samples admitted,
      int errors,
      double backgroundTps,
      LoadGenerator.Window background) {}

  private SendTimes sendUnderLoad(Report report, Progress progress) throws Exception {
    LoadGenerator generator = new LoadGenerator(clock);
    int coins = (int) Math.min(60_000, Math.max(1_000, load * 10L));
    List<TxOut> extra = new ArrayList<>(generator.genesisAllocations(coins));
    KeyPair walletKey = KeyPair.fromSeed(seedOf(seed));
    Address wallet = Address.fromPublicKey(walletKey.publicKey());
    Address payee = Address.fromPublicKey(KeyPair.fromSeed(seedOf(seed + 1)).publicKey());
    for (int i = 0; i < sends + 20; i++) {
      extra.add(new TxOut(Amounts.ofTime(100), wallet));
    }
    Map<Hash32, Long> storedAt = new ConcurrentHashMap<>();
    Map<Hash32, Long> calledAt = new ConcurrentHashMap<>();
    Samples admitted = new Samples();
    AtomicInteger errors = new AtomicInteger();
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(1);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try (BenchDevnet devnet =
        BenchDevnet.create(
            dir,
            validators,
            Duration.ofMillis(blockIntervalMs),
            Duration.ofMillis(Math.max(blockIntervalMs, emptyBlockIntervalMs)),
            extra,
            clock,
            seed)) {
      GenesisConfig genesis = devnet.net().genesis();
      generator.init(genesis.chainId(), genesis.params(), genesis.genesisTransaction());
      devnet.net().useKeyRing(0, new BenchKeyRing(walletKey));
      progress.log("starting %d validators", validators);
      devnet.startAll();
      var node0 = devnet.net().node(0);
      node0.chain().addListener((block, cert) -> generator.onBlock(block));
      node0
          .chain()
          .addListener(
              (block, cert) -> {
                long now = clock.monoNanos();
                for (Transaction tx : block.txs()) {
                  if (!tx.isCoinbase() && paysTo(tx, wallet)) {
                    storedAt.put(tx.txid(), now);
                  }
                }
              });
      devnet.awaitAllAt(1, Duration.ofSeconds(60));
      List<Mempool> receiver = List.of(node0.mempool());
      int perTick = Math.max(1, load / 100);
      long periodMicros = 1_000_000L * perTick / Math.max(1, load);
      if (load > 0) {
        timer.scheduleAtFixedRate(
            () -> generator.submit(perTick, receiver), 0, periodMicros, TimeUnit.MICROSECONDS);
      }
      progress.log("load %d tx/s on node0, warming up %d s", load, warmupS);
      devnet.times().await(() -> false, Duration.ofSeconds(warmupS));
      generator.takeWindow();
      long windowStart = clock.monoNanos();
      RpcClient rpc =
          new RpcClient(
              URI.create("http://127.0.0.1:" + node0.rpcAddress().orElseThrow().getPort() + "/"),
              RpcCredentials.fromCookie(devnet.net().rpcCookie(0)));
      String to = payee.toText(genesis.network());
      progress.log("%d sendtoaddress calls, one every %d ms", sends, sendIntervalMs);
      for (int i = 0; i < sends; i++) {
        callers.execute(() -> send(rpc, to, calledAt, admitted, errors));
        devnet.times().await(() -> false, Duration.ofMillis(sendIntervalMs));
      }
      callers.shutdown();
      callers.awaitTermination(60, TimeUnit.SECONDS);
      devnet
          .times()
          .await(() -> storedAt.keySet().containsAll(calledAt.keySet()), Duration.ofSeconds(60));
      LoadGenerator.Window background = generator.takeWindow();
      double backgroundTps = background.committed() / ((clock.monoNanos() - windowStart) / 1e9);
      Samples finals = new Samples();
      calledAt.forEach(
          (txid, t0) -> {
            Long t1 = storedAt.get(txid);
            if (t1 != null) {
              finals.add(t1 - t0);
            }
          });
      return new SendTimes(finals, admitted, errors.get(), backgroundTps, background);
    } finally {
      timer.shutdownNow();
      callers.shutdownNow();
      timer.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private void send(
      RpcClient rpc,
      String to,
      Map<Hash32, Long> calledAt,
      Samples admitted,
      AtomicInteger errors) {
    long t0 = clock.monoNanos();
    try {
      String txid = rpc.call("sendtoaddress", to, BigDecimal.ONE).asText();
      long t1 = clock.monoNanos();
      calledAt.put(Hash32.fromHex(txid), t0);
      synchronized (admitted) {
        admitted.add(t1 - t0);
      }
    } catch (Exception e) {
      errors.incrementAndGet();
    }
  }

  private static boolean paysTo(Transaction tx, Address a) {
    for (TxOut o : tx.outputs()) {
      if (o.address().equals(a)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] seedOf(long seed) {
    return org.timecoin.common.Sha256.digest(("wallet-bench-" + seed).getBytes());
  }
}
