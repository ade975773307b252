package org.timecoin.node.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.PublicKey;

class ValidatorPriorityTest {
  final TestChain t = new TestChain(0);
  final List<Set<PublicKey>> told = new ArrayList<>();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void theNetworkHearsOfTheValidatorsOfTheCurrentAndNextEpochOnlyWhenTheyChange() {
    ValidatorPriority priority = new ValidatorPriority(t.chain, told::add);
    priority.refresh();
    priority.refresh();
    assertThat(told).hasSize(1);
    assertThat(told.get(0))
        .containsExactlyInAnyOrderElementsOf(
            t.validatorKeys.stream().map(k -> k.publicKey()).toList());
  }
}
