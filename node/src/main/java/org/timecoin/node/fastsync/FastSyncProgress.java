package org.timecoin.node.fastsync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Where a fast sync is, for operators: its phase, the snapshot height it aims at and how many of
 * its chunks are in. Written by the fast sync's thread, read from anywhere.
 */
public final class FastSyncProgress {
  /** The phases, in order; {@code DONE} when the snapshot is imported or none was usable. */
  public enum Phase {
    WAITING_FOR_PEERS("waiting_for_peers"),
    OFFERS("snapshot_offers"),
    HEADERS("headers"),
    MANIFEST("manifest"),
    CHUNKS("snapshot_chunks"),
    FINISHING("finishing"),
    DONE("blocks");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** What a reader sees at once. */
  public record View(Phase phase, long snapshotHeight, int chunksDone, int chunks) {
    /** E.g. "snapshot_chunks 12/200", for the RPC's phase field. */
    public String describe() {
      return phase == Phase.CHUNKS
          ? phase.label() + " " + chunksDone + "/" + chunks
          : phase.label();
    }
  }

  private volatile View view = new View(Phase.WAITING_FOR_PEERS, 0, 0, 0);
  private final Clock clock;
  private final long[] entered = new long[Phase.values().length];
  private final long[] spent = new long[Phase.values().length];

  public FastSyncProgress(Clock clock) {
    this.clock = clock;
    entered[Phase.WAITING_FOR_PEERS.ordinal()] = clock.monoNanos();
  }

  /** Nanoseconds spent in {@code phase} so far (a phase may be entered again for another try). */
  public synchronized long nanosIn(Phase phase) {
    long n = spent[phase.ordinal()];
    return view.phase() == phase ? n + clock.monoNanos() - entered[phase.ordinal()] : n;
  }

  private final Set<PublicKey> punished = ConcurrentHashMap.newKeySet();
  private final Set<PublicKey> servers = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicLong fetched =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong unasked =
      new java.util.concurrent.atomic.AtomicLong();

  /** Peers that lost standing for a bad proof, manifest or chunk. */
  public Set<PublicKey> punished() {
    return Set.copyOf(punished);
  }

  /** Peers that served at least one good chunk. */
  public Set<PublicKey> chunkServers() {
    return Set.copyOf(servers);
  }

  void punished(PublicKey peer) {
    punished.add(peer);
  }

  void servedBy(PublicKey peer) {
    servers.add(peer);
    fetched.incrementAndGet();
  }

  /** Answers that arrived unasked (each cost its sender standing). */
  public long unaskedAnswers() {
    return unasked.get();
  }

  void unasked() {
    unasked.incrementAndGet();
  }

  /** Chunks fetched and imported by this run (a resumed one skips those imported before). */
  public long chunksFetched() {
    return fetched.get();
  }

  public View view() {
    return view;
  }

  synchronized void phase(Phase phase) {
    View v = view;
    if (v.phase() == phase) {
      return;
    }
    long now = clock.monoNanos();
    spent[v.phase().ordinal()] += now - entered[v.phase().ordinal()];
    entered[phase.ordinal()] = now;
    view = new View(phase, v.snapshotHeight(), v.chunksDone(), v.chunks());
  }

  synchronized void target(long height, int chunks) {
    view = new View(view.phase(), height, 0, chunks);
  }

  synchronized void chunks(int done) {
    View v = view;
    view = new View(v.phase(), v.snapshotHeight(), done, v.chunks());
  }
}
