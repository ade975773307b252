package org.timecoin.p2p;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Scheduler;

/**
 * Turns the configured seeds into dialable addresses: an IP literal as it is, a DNS name as every
 * address of its A and AAAA records (at most {@link #MAX_ADDRESSES_PER_NAME}). Names are looked up
 * on the resolver's own threads, since a lookup may block for seconds, and again every refresh
 * interval, so a seed list kept in DNS can change under running nodes. A name that does not resolve
 * is logged and tried again next time; it never stops the node.
 */
final class SeedResolver {
  private static final Logger log = LoggerFactory.getLogger(SeedResolver.class);

  /** Addresses taken from one name per lookup: a seed's DNS answer cannot flood the book. */
  static final int MAX_ADDRESSES_PER_NAME = 16;

  /** A blocking name lookup; {@link InetAddress#getAllByName} in production. */
  interface NameLookup {
    InetAddress[] lookup(String host) throws UnknownHostException;
  }

  private final List<PeerAddress> seeds;
  private final NameLookup lookup;
  private final Executor resolver;
  private final Scheduler scheduler;
  private final Duration refresh;
  private final Consumer<PeerAddress> learn;
  private final Set<String> failing = new HashSet<>();
  private Scheduler.Cancellable timer;
  private boolean stopped;

  /**
   * @param learn takes one resolved address (into the address book); called on resolver threads
   */
  SeedResolver(
      List<PeerAddress> seeds,
      NameLookup lookup,
      Executor resolver,
      Scheduler scheduler,
      Duration refresh,
      Consumer<PeerAddress> learn) {
    this.seeds = List.copyOf(seeds);
    this.lookup = lookup;
    this.resolver = resolver;
    this.scheduler = scheduler;
    this.refresh = refresh;
    this.learn = learn;
  }

  synchronized void start() {
    if (!seeds.isEmpty()) {
      timer = scheduler.schedule(Duration.ZERO, this::round);
    }
  }

  synchronized void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
    }
  }

  private void round() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      timer = scheduler.schedule(refresh, this::round);
    }
    for (PeerAddress seed : seeds) {
      if (NetGroups.literal(seed.host()) != null) {
        learn.accept(seed);
        continue;
      }
      try {
        resolver.execute(() -> resolve(seed));
      } catch (RejectedExecutionException e) {
        return; // shutting down
      }
    }
  }

  private void resolve(PeerAddress seed) {
    InetAddress[] found;
    try {
      found = lookup.lookup(seed.host());
    } catch (UnknownHostException | RuntimeException e) {
      if (markFailing(seed.host(), true)) {
        log.warn("seed {} does not resolve ({}); trying again in {}", seed, e, refresh);
      }
      return;
    }
    markFailing(seed.host(), false);
    int taken = 0;
    for (InetAddress ip : found) {
      if (taken == MAX_ADDRESSES_PER_NAME) {
        break;
      }
      learn.accept(new PeerAddress(ip.getHostAddress(), seed.port()));
      taken++;
    }
    log.info("seed {} resolved to {} addresses", seed, taken);
  }

  /** Records whether a name fails; true when that changed (so a warning is logged once). */
  private synchronized boolean markFailing(String host, boolean fails) {
    return fails ? failing.add(host) : failing.remove(host);
  }
}
