package org.timecoin.consensus;

import java.util.ArrayList;
import java.util.List;

/** Applies inputs to the pure core one by one, keeping the state and the last input's effects. */
final class Script {
  private ConsensusState state;
  private List<Effect> last = List.of();
  private final List<Effect> all = new ArrayList<>();

  Script(ConsensusState initial) {
    this.state = initial;
  }

  static Script of(Fixture f, int self) {
    return new Script(ConsensusState.initial(ConsensusParams.DEFAULT, f.pk(self)));
  }

  Script feed(Input... inputs) {
    return feed(List.of(inputs));
  }

  Script feed(List<Input> inputs) {
    for (Input in : inputs) {
      Transition t = ConsensusCore.apply(state, in);
      state = t.state();
      last = t.effects();
      all.addAll(last);
    }
    return this;
  }

  ConsensusState state() {
    return state;
  }

  List<Effect> last() {
    return last;
  }

  List<Effect> all() {
    return all;
  }
}
