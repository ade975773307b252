package org.timecoin.testkit.sim;

import org.timecoin.consensus.ConsensusParams;

/**
 * Settings shared by every run of a campaign.
 *
 * @param params consensus timeouts (DESIGN.md §4 defaults)
 * @param blockIntervalMillis the minimum time between blocks
 * @param minHeights heights every honest node must finalize, whatever the scenario
 * @param ed25519 sign with real Ed25519 keys instead of the simulation's keyed hash
 * @param trace record a line per notable event (decisions, round changes, faults) for replays
 */
public record SimOptions(
    ConsensusParams params,
    long blockIntervalMillis,
    int minHeights,
    boolean ed25519,
    boolean trace) {

  public static final SimOptions DEFAULT =
      new SimOptions(ConsensusParams.DEFAULT, 1_000, 3, false, false);

  public SimOptions {
    if (blockIntervalMillis < 0 || minHeights < 1) {
      throw new IllegalArgumentException("bad simulation options");
    }
  }

  public SimOptions withTrace(boolean on) {
    return new SimOptions(params, blockIntervalMillis, minHeights, ed25519, on);
  }

  public SimOptions withEd25519(boolean on) {
    return new SimOptions(params, blockIntervalMillis, minHeights, on, trace);
  }
}
