package org.timecoin.testkit.sim;

/**
 * One simulated node: which validator key it holds, how it behaves, and whether it starts only when
 * the fault phase ends (a node that joins late and syncs the chain from genesis).
 */
public record NodeSpec(int validator, Behaviour behaviour, boolean lateStart) {
  public NodeSpec(int validator, Behaviour behaviour) {
    this(validator, behaviour, false);
  }

  public static NodeSpec honest(int validator) {
    return new NodeSpec(validator, Behaviour.HONEST);
  }
}
