/**
 * Deterministic simulation of the consensus: N validators in one JVM, each a {@link
 * org.timecoin.testkit.sim.SimNode} running the consensus loop the node ships ({@code
 * org.timecoin.consensus.runtime.ConsensusLoop}) over synthetic blocks, its executors on the run's
 * virtual-time event queue, talking over a {@link org.timecoin.testkit.net.SimulatedNetwork}. One
 * seed drives every random choice, so a run is replayed exactly by its seed. The validator set may
 * change at epoch boundaries ({@link org.timecoin.testkit.sim.ValidatorSchedule}); {@link
 * org.timecoin.testkit.sim.RunEvents} counts what the faults did.
 *
 * <p>A run has a fault phase, in which its {@link org.timecoin.testkit.sim.Scenario} loses, delays,
 * partitions or crashes, and a synchronous phase. Byzantine validators ({@link
 * org.timecoin.testkit.sim.Behaviour} strategies in {@code byzantine}) stay Byzantine throughout.
 * The {@link org.timecoin.testkit.sim.InvariantMonitor} checks agreement, validity and that no
 * honest validator equivocates; {@link org.timecoin.testkit.sim.Simulation} checks liveness after
 * the fault phase.
 *
 * <p>Entry points: {@link org.timecoin.testkit.sim.Simulation#run} for one run, {@link
 * org.timecoin.testkit.sim.SimulationCampaign#run} for many (figures in a {@link
 * org.timecoin.testkit.sim.CampaignResult}), and {@link org.timecoin.testkit.sim.SimulationRunner}
 * behind {@code bin/simulate}.
 */
package org.timecoin.testkit.sim;
