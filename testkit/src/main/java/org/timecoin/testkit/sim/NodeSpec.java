package org.timecoin.testkit.sim;

/** One simulated node: which validator key it holds and how it behaves. */
public record NodeSpec(int validator, Behaviour behaviour) {
  public static NodeSpec honest(int validator) {
    return new NodeSpec(validator, Behaviour.HONEST);
  }
}
