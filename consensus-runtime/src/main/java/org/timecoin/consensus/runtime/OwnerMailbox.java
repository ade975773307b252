package org.timecoin.consensus.runtime;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.timecoin.consensus.Input;

/**
 * The queue in front of the consensus owner thread.
 *
 * <p>Backpressure policy: proposals and votes from peers take a bounded share of the queue ({@code
 * networkCapacity} slots, reserved before their signatures are checked and released when the owner
 * takes them); when all slots are taken, new ones are dropped — gossip re-sends messages to peers
 * that lag, and round timeouts keep the protocol live without them. Timeouts, validation results,
 * produced values and owner tasks are never dropped: there are a handful of them per round, so they
 * cannot grow the queue without bound.
 */
final class OwnerMailbox<B> {
  /** Something for the owner thread to do. */
  sealed interface Event<B> {
    /** A peer's proposal (with its block) or vote, signature already checked. */
    record NetworkInput<B>(Input input, B block) implements Event<B> {}

    record LocalInput<B>(Input input) implements Event<B> {}

    record Task<B>(String what, Runnable action) implements Event<B> {}
  }

  private final BlockingQueue<Event<B>> queue = new LinkedBlockingQueue<>();
  private final AtomicInteger networkSlotsTaken = new AtomicInteger();
  private final int networkCapacity;
  private final Runnable wake;

  /**
   * @param wake called after each addition, so the owner drains the queue
   */
  OwnerMailbox(int networkCapacity, Runnable wake) {
    this.networkCapacity = networkCapacity;
    this.wake = wake;
  }

  /** Takes a slot for a peer message; false when the network share is full (drop it). */
  boolean reserveNetworkSlot() {
    if (networkSlotsTaken.incrementAndGet() > networkCapacity) {
      networkSlotsTaken.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Gives back a slot whose message was refused before it was queued. */
  void releaseNetworkSlot() {
    networkSlotsTaken.decrementAndGet();
  }

  /** Queues a peer message into the slot reserved for it. */
  void addNetwork(Input input, B block) {
    queue.add(new Event.NetworkInput<>(input, block));
    wake.run();
  }

  /** Queues an input produced by this node (timeout, validation result). */
  void putLocal(Input input) {
    queue.add(new Event.LocalInput<>(input));
    wake.run();
  }

  /** Queues an action that must run on the owner thread. */
  void runOnOwner(String what, Runnable action) {
    queue.add(new Event.Task<>(what, action));
    wake.run();
  }

  /** The next event, or null when the queue is empty. */
  Event<B> poll() {
    Event<B> e = queue.poll();
    if (e instanceof Event.NetworkInput<B>) {
      networkSlotsTaken.decrementAndGet();
    }
    return e;
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }
}
