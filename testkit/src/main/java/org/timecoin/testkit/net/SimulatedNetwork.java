package org.timecoin.testkit.net;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.timecoin.common.time.VirtualScheduler;

/**
 * Delivers messages between a fixed set of endpoints (0..size-1) on virtual time. Every delay,
 * loss, duplicate and reordering decision is drawn from one seeded generator in send order, so a
 * run with the same seed and the same sends is exactly the same run.
 *
 * <p>Faults: per-link profiles, partitions (messages crossing a cut are lost, checked at send and
 * at delivery) that heal at a given time, and crashed endpoints. A message is delivered only to the
 * same incarnation of the receiver it was sent to: a restart loses what was in flight, as a reset
 * TCP connection would.
 *
 * @param <M> the message type
 */
public final class SimulatedNetwork<M> {
  /** Receives the messages delivered to one endpoint. */
  @FunctionalInterface
  public interface Receiver<M> {
    void receive(int from, M message);
  }

  private final VirtualScheduler scheduler;
  private final RandomGenerator random;
  private final int size;
  private final LinkProfile[][] linkOverrides;
  private final List<Receiver<M>> receivers;
  private final boolean[] up;
  private final int[] incarnation;
  private LinkProfile defaultProfile;
  private int[] partitionGroup; // null when the network is whole
  private long partitionEpoch;
  private Predicate<? super M> dropFilter; // null when no message is lost by content
  private final NetworkStats stats = new NetworkStats();

  public SimulatedNetwork(
      VirtualScheduler scheduler, RandomGenerator random, int size, LinkProfile defaultProfile) {
    if (size < 1) {
      throw new IllegalArgumentException("network needs at least one endpoint");
    }
    this.scheduler = scheduler;
    this.random = random;
    this.size = size;
    this.defaultProfile = defaultProfile;
    this.linkOverrides = new LinkProfile[size][size];
    this.receivers = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      receivers.add((from, m) -> {});
    }
    this.up = new boolean[size];
    Arrays.fill(up, true);
    this.incarnation = new int[size];
  }

  public int size() {
    return size;
  }

  public NetworkStats stats() {
    return stats;
  }

  public void register(int endpoint, Receiver<M> receiver) {
    receivers.set(checkEndpoint(endpoint), receiver);
  }

  /**
   * Sends {@code message} from {@code from} to {@code to} (a self-send is delivered immediately).
   */
  public void send(int from, int to, M message) {
    checkEndpoint(from);
    checkEndpoint(to);
    if (!up[from]) {
      return;
    }
    stats.sent++;
    if (from == to) {
      deliverLater(from, to, message, 0);
      return;
    }
    if (isCut(from, to)) {
      stats.droppedByPartition++;
      return;
    }
    if (dropFilter != null && dropFilter.test(message)) {
      stats.lost++;
      return;
    }
    LinkProfile profile = profile(from, to);
    if (profile.lossProbability() > 0 && random.nextDouble() < profile.lossProbability()) {
      stats.lost++;
      return;
    }
    deliverLater(from, to, message, sampleDelay(profile));
    if (profile.duplicateProbability() > 0
        && random.nextDouble() < profile.duplicateProbability()) {
      stats.duplicated++;
      deliverLater(from, to, message, sampleDelay(profile));
    }
  }

  /** Sends {@code message} to every endpoint except {@code from}. */
  public void broadcast(int from, M message) {
    for (int to = 0; to < size; to++) {
      if (to != from) {
        send(from, to, message);
      }
    }
  }

  /**
   * Loses every message between distinct endpoints that {@code filter} matches (a selective fault).
   */
  public void dropMatching(Predicate<? super M> filter) {
    this.dropFilter = filter;
  }

  /** Stops losing messages by content. */
  public void clearDropFilter() {
    this.dropFilter = null;
  }

  public void setDefaultProfile(LinkProfile profile) {
    this.defaultProfile = profile;
  }

  /** Overrides the profile of the directed link {@code from -> to}; null restores the default. */
  public void setLink(int from, int to, LinkProfile profile) {
    linkOverrides[checkEndpoint(from)][checkEndpoint(to)] = profile;
  }

  public void clearLinkOverrides() {
    for (LinkProfile[] row : linkOverrides) {
      Arrays.fill(row, null);
    }
  }

  /**
   * Splits the network into {@code groups}; endpoints in no group form one more group together. The
   * partition heals at absolute virtual time {@code healAtNanos} (or never, if Long.MAX_VALUE).
   */
  public void partition(List<? extends Collection<Integer>> groups, long healAtNanos) {
    int[] group = new int[size];
    Arrays.fill(group, groups.size());
    for (int g = 0; g < groups.size(); g++) {
      for (int endpoint : groups.get(g)) {
        group[checkEndpoint(endpoint)] = g;
      }
    }
    partitionGroup = group;
    long epoch = ++partitionEpoch;
    if (healAtNanos != Long.MAX_VALUE) {
      scheduler.scheduleAt(
          healAtNanos,
          () -> {
            if (partitionEpoch == epoch) {
              heal();
            }
          });
    }
  }

  public void heal() {
    partitionGroup = null;
  }

  public boolean isPartitioned() {
    return partitionGroup != null;
  }

  /** Marks {@code endpoint} down: it sends nothing and what is in flight to it is lost. */
  public void crash(int endpoint) {
    up[checkEndpoint(endpoint)] = false;
    incarnation[endpoint]++;
  }

  public void restart(int endpoint) {
    up[checkEndpoint(endpoint)] = true;
  }

  public boolean isUp(int endpoint) {
    return up[checkEndpoint(endpoint)];
  }

  /** True when no link loses or holds messages and the network is whole. */
  public boolean isSynchronous() {
    if (partitionGroup != null || !defaultProfile.isSynchronous() || dropFilter != null) {
      return false;
    }
    for (LinkProfile[] row : linkOverrides) {
      for (LinkProfile p : row) {
        if (p != null && !p.isSynchronous()) {
          return false;
        }
      }
    }
    return true;
  }

  private void deliverLater(int from, int to, M message, long delayNanos) {
    int sentTo = incarnation[to];
    scheduler.scheduleAfterNanos(
        delayNanos,
        () -> {
          if (!up[to] || incarnation[to] != sentTo) {
            stats.droppedByCrash++;
          } else if (from != to && isCut(from, to)) {
            stats.droppedByPartition++;
          } else {
            stats.delivered++;
            receivers.get(to).receive(from, message);
          }
        });
  }

  private long sampleDelay(LinkProfile profile) {
    long delay = profile.delay().sampleNanos(random);
    if (profile.reorderProbability() > 0 && random.nextDouble() < profile.reorderProbability()) {
      stats.reordered++;
      delay += random.nextLong(profile.reorderExtraMillis() * 1_000_000L + 1);
    }
    return delay;
  }

  private LinkProfile profile(int from, int to) {
    LinkProfile p = linkOverrides[from][to];
    return p != null ? p : defaultProfile;
  }

  private boolean isCut(int from, int to) {
    int[] group = partitionGroup;
    return group != null && group[from] != group[to];
  }

  private int checkEndpoint(int endpoint) {
    if (endpoint < 0 || endpoint >= size) {
      throw new IllegalArgumentException("no endpoint " + endpoint + " in a network of " + size);
    }
    return endpoint;
  }
}
