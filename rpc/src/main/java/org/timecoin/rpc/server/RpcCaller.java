package org.timecoin.rpc.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is calling, as authenticated for one request, and the budget of the connection it came on:
 * what a method may let one connection hold (finality waiters) is counted here.
 */
public final class RpcCaller {
  private final String user;
  private final boolean readOnly;
  private final AtomicInteger waiters;
  private final int maxWaiters;

  private RpcCaller(String user, boolean readOnly, AtomicInteger waiters, int maxWaiters) {
    this.user = user;
    this.readOnly = readOnly;
    this.waiters = waiters;
    this.maxWaiters = maxWaiters;
  }

  /** A caller with every right and no connection budget: for callers inside the process. */
  public static RpcCaller local() {
    return new RpcCaller("local", false, new AtomicInteger(), Integer.MAX_VALUE);
  }

  /** A budget shared by the requests of one connection. */
  public static Connection connection(int maxWaiters) {
    return new Connection(new AtomicInteger(), maxWaiters);
  }

  public String user() {
    return user;
  }

  /** Whether admin methods are refused to this caller. */
  public boolean readOnly() {
    return readOnly;
  }

  /** Takes one waiter of the connection's budget; false when it is spent. */
  public boolean tryReserveWaiter() {
    while (true) {
      int n = waiters.get();
      if (n >= maxWaiters) {
        return false;
      }
      if (waiters.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Gives back a waiter taken with {@link #tryReserveWaiter}. */
  public void releaseWaiter() {
    waiters.decrementAndGet();
  }

  /** The budget of one connection, from which each authenticated request gets its caller. */
  public record Connection(AtomicInteger waiters, int maxWaiters) {
    public RpcCaller as(String user, boolean readOnly) {
      return new RpcCaller(user, readOnly, waiters, maxWaiters);
    }
  }
}
