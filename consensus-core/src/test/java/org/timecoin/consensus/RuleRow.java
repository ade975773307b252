package org.timecoin.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One row of a rule table: this node, the inputs before, one input, the exact effects of that
 * input, and a check of the state after.
 */
record RuleRow(
    String rule,
    int self,
    List<Input> given,
    Input when,
    List<Effect> expect,
    Consumer<ConsensusState> then) {
  @Override
  public String toString() {
    return rule;
  }

  /** Fluent construction of a row; {@code expectRejected} must follow {@code when}. */
  static final class Builder {
    final String rule;
    int self;
    final List<Input> given = new ArrayList<>();
    Input when;
    Consumer<ConsensusState> then = st -> {};
    List<Effect> expect;

    Builder(String rule, int defaultSelf) {
      this.rule = rule;
      this.self = defaultSelf;
    }

    Builder self(int i) {
      self = i;
      return this;
    }

    Builder given(Object... inputs) {
      for (Object o : inputs) {
        if (o instanceof List<?> l) {
          l.forEach(x -> given.add((Input) x));
        } else {
          given.add((Input) o);
        }
      }
      return this;
    }

    Builder when(Input in) {
      when = in;
      return this;
    }

    Builder expect(Effect... effects) {
      expect = List.of(effects);
      return this;
    }

    Builder expect(List<Effect> effects) {
      expect = effects;
      return this;
    }

    Builder expectRejected(RejectReason reason) {
      expect = List.of(new Effect.Rejected(when, reason));
      return this;
    }

    Builder then(Consumer<ConsensusState> check) {
      then = check;
      return this;
    }

    RuleRow build() {
      return new RuleRow(rule, self, List.copyOf(given), when, expect, then);
    }
  }
}
