package org.timecoin.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.SignGuard.Verdict;

class SignGuardTest {
  static final Hash32 X = Fixture.value("x");
  static final Hash32 Y = Fixture.value("y");

  static LastSigned at(long h, int r, Step s, Hash32 bytes) {
    return new LastSigned(h, r, s, bytes);
  }

  @Test
  void firstSignatureIsAllowed() {
    assertThat(SignGuard.check(Optional.empty(), at(1, 0, Step.PROPOSE, X)))
        .isEqualTo(Verdict.SIGN);
  }

  @Test
  void laterPositionsAreAllowed() {
    Optional<LastSigned> last = Optional.of(at(5, 2, Step.PREVOTE, X));
    assertThat(SignGuard.check(last, at(5, 2, Step.PRECOMMIT, Y))).isEqualTo(Verdict.SIGN);
    assertThat(SignGuard.check(last, at(5, 3, Step.PROPOSE, Y))).isEqualTo(Verdict.SIGN);
    assertThat(SignGuard.check(last, at(6, 0, Step.PROPOSE, Y))).isEqualTo(Verdict.SIGN);
  }

  @Test
  void theSameMessageMayBeSignedAgain() {
    Optional<LastSigned> last = Optional.of(at(5, 2, Step.PREVOTE, X));
    assertThat(SignGuard.check(last, at(5, 2, Step.PREVOTE, X))).isEqualTo(Verdict.RESIGN);
  }

  @Test
  void conflictingOrEarlierMessagesAreRefused() {
    Optional<LastSigned> last = Optional.of(at(5, 2, Step.PREVOTE, X));
    assertThat(SignGuard.check(last, at(5, 2, Step.PREVOTE, Y))).isEqualTo(Verdict.REFUSE);
    assertThat(SignGuard.check(last, at(5, 2, Step.PROPOSE, Y))).isEqualTo(Verdict.REFUSE);
    assertThat(SignGuard.check(last, at(5, 1, Step.PRECOMMIT, Y))).isEqualTo(Verdict.REFUSE);
    assertThat(SignGuard.check(last, at(4, 9, Step.PRECOMMIT, Y))).isEqualTo(Verdict.REFUSE);
  }
}
