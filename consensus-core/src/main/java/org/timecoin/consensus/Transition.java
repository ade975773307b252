package org.timecoin.consensus;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link ConsensusCore#apply}: the next state and the effects to carry out, in order.
 */
public record Transition(ConsensusState state, List<Effect> effects) {
  public Transition {
    Objects.requireNonNull(state, "state");
    effects = List.copyOf(effects);
  }
}
