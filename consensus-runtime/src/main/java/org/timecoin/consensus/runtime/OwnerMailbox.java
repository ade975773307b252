package org.timecoin.consensus.runtime;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.timecoin.consensus.Input;
import org.timecoin.domain.block.Block;

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
final class OwnerMailbox {
  /** Something for the owner thread to do. */
  sealed interface Event {
    /** A peer's proposal (with its block) or vote, signature already checked. */
    record NetworkInput(Input input, Block block) implements Event {}

    record LocalInput(Input input) implements Event {}

    record Task(String what, Runnable action) implements Event {}
  }

  private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
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
  void addNetwork(Input input, Block block) {
    queue.add(new Event.NetworkInput(input, block));
    wake.run();
  }

  /** Queues an input produced by this node (timeout, validation result). */
  void putLocal(Input input) {
    queue.add(new Event.LocalInput(input));
    wake.run();
  }

  /** Queues an action that must run on the owner thread. */
  void runOnOwner(String what, Runnable action) {
    queue.add(new Event.Task(what, action));
    wake.run();
  }

  /** The next event, or null when the queue is empty. */
  Event poll() {
    Event e = queue.poll();
    if (e instanceof Event.NetworkInput) {
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
