package org.timecoin.testkit.sim;

import org.timecoin.testkit.sim.SimMessage.ProposalMsg;
import org.timecoin.testkit.sim.SimMessage.VoteMsg;

/**
 * How a simulated validator acts around its consensus engine. The honest behaviour builds valid
 * blocks and sends every signed message to everyone; a Byzantine strategy overrides some of these
 * steps (and may sign extra messages with {@link SimNode#signProposal} / {@link SimNode#signVote},
 * which bypass the sign guard).
 */
public interface Behaviour {
  /** Short name for reports. */
  String name();

  /**
   * Whether the invariants treat this node as honest (it must never equivocate, and its decisions
   * must agree).
   */
  default boolean honest() {
    return false;
  }

  /** False for a node that never runs consensus at all (it receives and drops everything). */
  default boolean participates() {
    return true;
  }

  /**
   * The block this node proposes at (height, round) when its engine asks for a value. Like a real
   * block it carries the time it was built at, so a proposer that rebuilds it later (after a
   * restart that lost its WAL) proposes another value.
   */
  default SyntheticBlock buildBlock(SimNode node, long height, int round) {
    return SyntheticBlock.build(height, round, node.validatorIndex(), builtAt(node), true);
  }

  /** The variant of a block built now: the virtual time in milliseconds. */
  static int builtAt(SimNode node) {
    return (int) node.run().nowMillis();
  }

  /** Sends this node's own signed proposal. */
  default void sendProposal(SimNode node, ProposalMsg message) {
    node.broadcast(message);
  }

  /** Sends this node's own signed vote. */
  default void sendVote(SimNode node, VoteMsg message) {
    node.broadcast(message);
  }

  /** Sees every message delivered to this node, before the node handles it. */
  default void observe(SimNode node, int from, SimMessage message) {}

  /** Called each time the node (re)starts. */
  default void onStart(SimNode node) {}

  /** The behaviour of a correct validator. */
  Behaviour HONEST =
      new Behaviour() {
        @Override
        public String name() {
          return "honest";
        }

        @Override
        public boolean honest() {
          return true;
        }
      };
}
