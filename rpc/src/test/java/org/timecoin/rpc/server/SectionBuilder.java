package org.timecoin.rpc.server;

import java.time.Duration;
import java.util.List;
import org.timecoin.node.config.RpcSection;

/** An {@link RpcSection} for tests: the fixture's defaults, with the settings a test changes. */
public final class SectionBuilder {
  private final RpcSection base = RpcServerFixture.section();
  public List<String> origins = List.of();
  public List<String> hosts = List.of();
  public int maxBatch = base.maxBatch();
  public int maxRequestBytes = base.maxRequestBytes();
  public int maxResponseBytes = base.maxResponseBytes();
  public Duration idleTimeout = base.idleTimeout();
  public int workerThreads = base.workerThreads();
  public int workQueue = base.workQueue();
  public int authFailuresPerMinute = base.authFailuresPerMinute();
  public int waitersPerConnection = base.maxFinalityWaitersPerConnection();

  public RpcSection build() {
    return new RpcSection(
        true,
        "127.0.0.1",
        0,
        maxRequestBytes,
        base.auth(),
        base.readOnlyUsers(),
        origins,
        hosts,
        maxBatch,
        base.maxJsonDepth(),
        base.maxStringLength(),
        maxResponseBytes,
        idleTimeout,
        workerThreads,
        workQueue,
        authFailuresPerMinute,
        base.maxFinalityWaiters(),
        base.maxFinalityWaitersPerTxid(),
        waitersPerConnection);
  }
}
