package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Scheduler;

class SeedResolverTest {
  private static final Duration REFRESH = Duration.ofMinutes(30);

  /** Timers fire only when the test says so. */
  static final class ManualScheduler implements Scheduler {
    final List<Runnable> due = new ArrayList<>();
    final List<Duration> delays = new ArrayList<>();

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      due.add(task);
      delays.add(delay);
      return () -> due.remove(task);
    }

    void fireNext() {
      due.remove(0).run();
    }
  }

  /** Runs lookups when the test says so, remembering they were handed off. */
  static final class QueuedExecutor implements java.util.concurrent.Executor {
    final List<Runnable> tasks = new ArrayList<>();
    boolean shutDown;

    @Override
    public void execute(Runnable r) {
      if (shutDown) {
        throw new RejectedExecutionException("shut down");
      }
      tasks.add(r);
    }

    void runAll() {
      List<Runnable> now = new ArrayList<>(tasks);
      tasks.clear();
      now.forEach(Runnable::run);
    }
  }

  final ManualScheduler scheduler = new ManualScheduler();
  final QueuedExecutor resolver = new QueuedExecutor();
  final Map<String, InetAddress[]> dns = new HashMap<>();
  final List<String> lookedUp = new CopyOnWriteArrayList<>();
  final List<PeerAddress> learned = new CopyOnWriteArrayList<>();

  SeedResolver resolverFor(String... seeds) {
    List<PeerAddress> list = new ArrayList<>();
    for (String s : seeds) {
      list.add(PeerAddress.parse(s));
    }
    return new SeedResolver(
        list,
        host -> {
          lookedUp.add(host);
          InetAddress[] found = dns.get(host);
          if (found == null) {
            throw new UnknownHostException(host);
          }
          return found;
        },
        resolver,
        scheduler,
        REFRESH,
        learned::add);
  }

  static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByAddress(NetGroups.literal(literal).getAddress());
  }

  @Test
  void aNameBecomesEveryAddressOfItsAAndAaaaRecordsLookedUpOffTheCallersThread() throws Exception {
    dns.put("seed.example.org", new InetAddress[] {ip("192.0.2.1"), ip("2001:db8::7")});
    SeedResolver seeds = resolverFor("seed.example.org:24100", "198.51.100.9:24100");
    seeds.start();
    scheduler.fireNext();

    // The literal needs no lookup; the name waits on the resolver's threads.
    assertThat(learned).containsExactly(new PeerAddress("198.51.100.9", 24100));
    assertThat(lookedUp).isEmpty();
    resolver.runAll();
    assertThat(lookedUp).containsExactly("seed.example.org");
    assertThat(learned)
        .contains(
            new PeerAddress("192.0.2.1", 24100), new PeerAddress("2001:db8:0:0:0:0:0:7", 24100));
  }

  @Test
  void aNameThatDoesNotResolveIsTriedAgainAtTheNextRefreshAndTheOthersStillCount()
      throws Exception {
    dns.put("good.example.org", new InetAddress[] {ip("192.0.2.1")});
    SeedResolver seeds = resolverFor("missing.example.org:24100", "good.example.org:24100");
    seeds.start();
    scheduler.fireNext();
    resolver.runAll();
    assertThat(learned).containsExactly(new PeerAddress("192.0.2.1", 24100));
    assertThat(scheduler.delays).last().isEqualTo(REFRESH);

    dns.put("missing.example.org", new InetAddress[] {ip("192.0.2.2")});
    dns.put("good.example.org", new InetAddress[] {ip("192.0.2.3")});
    scheduler.fireNext();
    resolver.runAll();
    assertThat(learned)
        .contains(new PeerAddress("192.0.2.2", 24100), new PeerAddress("192.0.2.3", 24100));
    assertThat(lookedUp).hasSize(4);
  }

  @Test
  void oneNameGivesAtMostSixteenAddresses() throws Exception {
    InetAddress[] many = new InetAddress[100];
    for (int i = 0; i < many.length; i++) {
      many[i] = ip("192.0.2." + (i + 1));
    }
    dns.put("big.example.org", many);
    SeedResolver seeds = resolverFor("big.example.org:24100");
    seeds.start();
    scheduler.fireNext();
    resolver.runAll();
    assertThat(learned).hasSize(SeedResolver.MAX_ADDRESSES_PER_NAME);
  }

  @Test
  void stopCancelsTheRefreshAndAShutDownResolverIsNoError() {
    SeedResolver seeds = resolverFor("seed.example.org:24100");
    seeds.start();
    scheduler.fireNext();
    seeds.stop();
    assertThat(scheduler.due).isEmpty();

    SeedResolver other = resolverFor("seed.example.org:24100");
    other.start();
    resolver.shutDown = true;
    scheduler.fireNext(); // the round finds the resolver gone and quietly ends
    assertThat(learned).isEmpty();
  }

  @Test
  void noSeedsScheduleNothing() {
    resolverFor().start();
    assertThat(scheduler.due).isEmpty();
  }
}
