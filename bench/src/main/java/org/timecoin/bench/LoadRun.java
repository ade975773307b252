package org.timecoin.bench;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.timecoin.bench.JsonRpcBatch.Answer;
import org.timecoin.bench.JsonRpcBatch.Call;
import org.timecoin.bench.LoadWallet.Transfer;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.tx.Transaction;

/**
 * Offers transfers at a steady rate over JSON-RPC ({@code sendrawtransaction} in batches), spread
 * round-robin over every target node, and watches one node's finalized blocks for their txids.
 * After a warm-up, a measured window counts what was offered, accepted, refused and committed; a
 * drain then waits for the window's accepted transfers to reach a block. Every piece of state is
 * owned by one thread; node answers and blocks are handed to it.
 */
final class LoadRun implements AutoCloseable {
  private static final long TICK_MS = 10;

  /** Answers still awaited from one node beyond which new transfers are not sent to it. */
  private static final int MAX_IN_FLIGHT = 64;

  /** How the load runs. */
  record Options(
      double ratePerS,
      Duration warmup,
      Duration window,
      Duration drain,
      int maxBatch,
      Duration poll) {}

  private enum Phase {
    WARMUP,
    MEASURE,
    DRAIN,
    DONE
  }

  private record Pending(Transfer transfer, long submittedNanos, boolean measured) {}

  private final LoadWallet wallet;
  private final List<JsonRpcBatch> targets;
  private final JsonRpcBatch observer;
  private final Options options;
  private final Clock clock;

  private final OwnerThread owner = new OwnerThread(this::fail);

  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService answers = Executors.newFixedThreadPool(2);
  private final Map<Hash32, Pending> pending = new HashMap<>();
  private final int[] inFlight;
  private final LoadStats stats = new LoadStats();
  private final CompletableFuture<Result> done = new CompletableFuture<>();
  private Phase phase = Phase.WARMUP;
  private long startNanos;
  private long built;
  private long windowStartNanos;
  private long windowEndNanos;
  private long next;
  private long observedHeight = -1;
  private long measuredPending;
  private ScheduledFuture<?> warmupEnd;

  /**
   * The window's counts; {@code pendingAtEnd}: transfers offered in the window not seen in a block
   * by the end of the drain; {@code spendableAtEnd}: coins the wallet held then.
   */
  record Result(LoadStats stats, double windowSeconds, long pendingAtEnd, int spendableAtEnd) {}

  LoadRun(
      LoadWallet wallet,
      List<JsonRpcBatch> targets,
      JsonRpcBatch observer,
      Options options,
      Clock clock) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("the load needs at least one node to submit to");
    }
    this.wallet = wallet;
    this.targets = List.copyOf(targets);
    this.observer = observer;
    this.options = options;
    this.clock = clock;
    this.inFlight = new int[targets.size()];
  }

  /** Runs warm-up, window and drain; returns the window's counts. */
  Result run() throws Exception {
    observedHeight = height();
    owner.execute(
        () -> {
          startNanos = clock.monoNanos();
          owner.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        });
    poller.scheduleWithFixedDelay(this::poll, 0, options.poll().toMillis(), TimeUnit.MILLISECONDS);
    owner.execute(
        () -> {
          if (phase == Phase.WARMUP) {
            warmupEnd =
                owner.schedule(
                    this::openWindow, options.warmup().toMillis(), TimeUnit.MILLISECONDS);
          }
        });
    long total = options.warmup().plus(options.window()).plus(options.drain()).toMillis();
    return done.get(total + 60_000, TimeUnit.MILLISECONDS);
  }

  /**
   * Ends the warm-up now (the caller judged the nodes ready); the warm-up's length stays the latest
   * the window opens. Any thread; does nothing once the window has opened.
   */
  void openWindowNow() {
    owner.execute(
        () -> {
          if (warmupEnd != null) {
            warmupEnd.cancel(false);
          }
          openWindow();
        });
  }

  private void openWindow() {
    if (phase != Phase.WARMUP) {
      return;
    }
    phase = Phase.MEASURE;
    windowStartNanos = clock.monoNanos();
    owner.schedule(this::closeWindow, options.window().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void closeWindow() {
    phase = Phase.DRAIN;
    windowEndNanos = clock.monoNanos();
    owner.schedule(this::finish, options.drain().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void finish() {
    if (phase != Phase.DONE) {
      phase = Phase.DONE;
      double windowS = (windowEndNanos - windowStartNanos) / 1e9;
      done.complete(new Result(stats, windowS, measuredPending, wallet.spendable()));
    }
  }

  private void fail(Throwable error) {
    phase = Phase.DONE;
    done.completeExceptionally(
        new IllegalStateException("the load stopped: " + error.getMessage(), error));
  }

  private void tick() {
    if (phase == Phase.DRAIN && measuredPending == 0) {
      finish();
    }
    if (phase != Phase.WARMUP && phase != Phase.MEASURE) {
      return;
    }
    long due = (long) (options.ratePerS() * (clock.monoNanos() - startNanos) / 1e9) - built;
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      if (inFlight[i] < MAX_IN_FLIGHT) {
        open.add(i);
      }
    }
    if (open.isEmpty()) {
      // Every node still owes answers: building and signing transfers now would only burn the
      // CPU the nodes need, for transfers that cannot be sent.
      if (phase == Phase.MEASURE) {
        stats.countUnsent((int) Math.min(Integer.MAX_VALUE, due));
      }
      built += due;
      return;
    }
    List<List<Transfer>> byTarget = new ArrayList<>();
    targets.forEach(t -> byTarget.add(new ArrayList<>()));
    for (long i = 0; i < due; i++) {
      Transfer t = wallet.next();
      if (t == null) {
        if (phase == Phase.MEASURE) {
          stats.countStarved(due - i);
        }
        built += due - i;
        break;
      }
      built++;
      byTarget.get(open.get((int) (next++ % open.size()))).add(t);
    }
    for (int i = 0; i < targets.size(); i++) {
      List<Transfer> list = byTarget.get(i);
      for (int from = 0; from < list.size(); from += options.maxBatch()) {
        send(i, list.subList(from, Math.min(list.size(), from + options.maxBatch())));
      }
    }
  }

  private void send(int target, List<Transfer> transfers) {
    boolean measured = phase == Phase.MEASURE;
    if (inFlight[target] >= MAX_IN_FLIGHT) {
      transfers.forEach(wallet::restore);
      if (measured) {
        stats.countUnsent(transfers.size());
      }
      return;
    }
    List<Call> calls = new ArrayList<>(transfers.size());
    long now = clock.monoNanos();
    for (Transfer t : transfers) {
      calls.add(new Call("sendrawtransaction", List.of(hex(t.tx()))));
      pending.put(t.tx().txid(), new Pending(t, now, measured));
      measuredPending += measured ? 1 : 0;
    }
    if (measured) {
      stats.countOffered(transfers.size());
    }
    inFlight[target]++;
    targets
        .get(target)
        .send(calls)
        .whenCompleteAsync(
            (list, error) -> owner.execute(() -> answered(target, transfers, list, error)),
            answers);
  }

  private void answered(int target, List<Transfer> transfers, List<Answer> list, Throwable error) {
    inFlight[target]--;
    if (phase == Phase.DONE) {
      return;
    }
    for (int i = 0; i < transfers.size(); i++) {
      Transfer t = transfers.get(i);
      Pending p = pending.get(t.tx().txid());
      boolean measured = p != null ? p.measured() : phase == Phase.MEASURE;
      if (error == null && list.get(i).ok()) {
        if (measured) {
          stats.countAccepted();
        }
        continue;
      }
      String reason = error == null ? reasonOf(list.get(i)) : reasonOf(error);
      if (measured) {
        stats.countRejected(reason);
      }
      // Unanswered ("transport") transfers may still commit: they stay pending, their coins held.
      if (!reason.equals("transport") && p != null) {
        forget(t.tx().txid());
        wallet.restore(t);
      }
    }
  }

  private static String reasonOf(Answer a) {
    return LoadStats.reasonOf(a.errorCode(), a.errorMessage());
  }

  private static String reasonOf(Throwable error) {
    Throwable e =
        error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
    if (e instanceof UncheckedIOException u
        && u.getCause() instanceof JsonRpcBatch.HttpStatusException h) {
      return "http-" + h.status();
    }
    return "transport";
  }

  /** On the poller thread: new finalized heights of the observer, with their txids. */
  private void poll() {
    try {
      long tip = height();
      long seen = clock.monoNanos();
      if (tip <= observedHeight) {
        return;
      }
      List<Call> calls = new ArrayList<>();
      for (long h = observedHeight + 1; h <= tip && calls.size() < 100; h++) {
        calls.add(new Call("getblock", List.of(h, 1)));
      }
      List<Answer> blocks = observer.send(calls).get(30, TimeUnit.SECONDS);
      List<String> txids = new ArrayList<>();
      for (Answer a : blocks) {
        if (!a.ok()) {
          throw new IllegalStateException("getblock failed: " + a.errorMessage());
        }
        a.result().path("tx").forEach(t -> txids.add(t.asText()));
      }
      observedHeight += calls.size();
      owner.execute(() -> finalized(txids, seen));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // A node that does not answer now may answer at the next poll; the run's timeout bounds it.
    }
  }

  private long height() throws Exception {
    Answer a =
        observer
            .send(List.of(new Call("getblockcount", List.of())))
            .get(10, TimeUnit.SECONDS)
            .get(0);
    if (!a.ok()) {
      throw new IllegalStateException("getblockcount failed: " + a.errorMessage());
    }
    return a.result().asLong();
  }

  private Pending forget(Hash32 txid) {
    Pending p = pending.remove(txid);
    if (p != null && p.measured()) {
      measuredPending--;
    }
    return p;
  }

  private void finalized(List<String> txids, long seenNanos) {
    if (phase == Phase.DONE) {
      return;
    }
    for (String id : txids) {
      Pending p = forget(Hash32.fromHex(id));
      if (p == null) {
        continue;
      }
      wallet.credit(p.transfer().tx());
      if (phase == Phase.MEASURE) {
        stats.countSeenInWindow();
      }
      if (p.measured()) {
        stats.countCommitted(seenNanos - p.submittedNanos());
      }
    }
  }

  private static String hex(Transaction tx) {
    return java.util.HexFormat.of().formatHex(Transaction.CODEC.encode(tx));
  }

  @Override
  public void close() throws InterruptedException {
    poller.shutdownNow();
    owner.shutdownNow();
    answers.shutdownNow();
    poller.awaitTermination(10, TimeUnit.SECONDS);
    owner.awaitTermination(10, TimeUnit.SECONDS);
  }
}
