package org.timecoin.rpc.server;

/**
 * What one request body may hold and one response may weigh.
 *
 * @param maxBatch most calls in a batch; a longer batch is refused before any of it runs
 * @param maxDepth deepest nesting of arrays and objects
 * @param maxStringLength longest JSON string, in characters
 * @param maxResponseBytes largest response body; beyond it calls are answered with an error
 */
public record DispatchLimits(
    int maxBatch, int maxDepth, int maxStringLength, int maxResponseBytes) {
  public static DispatchLimits defaults() {
    return new DispatchLimits(100, 64, 4 * 1024 * 1024, 32 * 1024 * 1024);
  }
}
