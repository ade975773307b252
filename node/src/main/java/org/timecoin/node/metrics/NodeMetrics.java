package org.timecoin.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's meter registry, in Prometheus form, with the JVM's own meters (heap and buffer pools
 * including direct memory, GC pauses, threads, classes, JIT compilation, CPU, uptime) and Netty's
 * direct memory. Each node has its own registry, so several nodes in one process (a devnet) do not
 * mix.
 *
 * <p>Some figures are read once per scrape rather than by each meter ({@link #beforeScrape}): the
 * storage engine's properties, and labels that appear while the node runs (ban causes, refusal
 * codes).
 */
public final class NodeMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  public NodeMetrics() {
    // Names promtool's lint refuses (an abbreviated unit; a gauge named like a summary's count),
    // of figures the node does not need: CPU usage and load stay.
    registry
        .config()
        .meterFilter(
            MeterFilter.deny(
                id ->
                    id.getName().equals("process.cpu.time")
                        || id.getName().equals("system.cpu.count")));
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // Exact, unlike jvm_gc_memory_allocated (which moves only at collections): the bytes every
    // thread of the process allocated on the heap, so a benchmark can state allocation per
    // transaction.
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported()) {
      FunctionCounter.builder(
              "jvm.threads.allocated", threads, t -> t.getTotalThreadAllocatedBytes())
          .description("heap bytes allocated by all threads since the start")
          .baseUnit("bytes")
          .register(registry);
    }
    // The JIT's work since the start (elapsed time in the compiler threads): a fresh node compiles
    // for minutes under load, so a reading taken then is not the steady state.
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
      FunctionCounter.builder(
              "jvm.compilation.elapsed", jit, j -> j.getTotalCompilationTime() / 1000.0)
          .description("time the JIT compilers spent compiling since the start")
          .baseUnit("seconds")
          .register(registry);
    }
    if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider netty) {
      Gauge.builder("netty.direct.memory.used", netty, n -> n.metric().usedDirectMemory())
          .description("direct memory held by Netty's buffer allocator")
          .baseUnit("bytes")
          .register(registry);
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Runs {@code task} before each scrape; on the scraping thread, never on a hot path. */
  public void beforeScrape(Runnable task) {
    beforeScrape.add(task);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    for (Runnable task : beforeScrape) {
      task.run();
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
