package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;

class AdmissionOutcomesTest {
  final AdmissionOutcomes outcomes = new AdmissionOutcomes();
  final Hash32 txid = Hash32.ZERO;

  @Test
  void countsAdmissionsAndRefusalsByCode() {
    outcomes.record(AdmitResult.admitted(txid));
    outcomes.record(AdmitResult.rejected(txid, AdmitResult.CONFLICT, "x"));
    outcomes.record(AdmitResult.rejected(txid, AdmitResult.CONFLICT, "y"));
    outcomes.record(AdmitResult.rejected(txid, null, "no code"));
    assertThat(outcomes.admitted()).isEqualTo(1);
    assertThat(outcomes.rejectedByCode())
        .containsEntry(AdmitResult.CONFLICT, 2L)
        .containsEntry(AdmissionOutcomes.OTHER, 1L);
  }

  @Test
  void codesBeyondTheCapShareOneLabel() {
    for (int i = 0; i < AdmissionOutcomes.MAX_CODES + 10; i++) {
      outcomes.rejected("code-" + i);
    }
    assertThat(outcomes.rejectedByCode()).hasSizeLessThanOrEqualTo(AdmissionOutcomes.MAX_CODES + 1);
    assertThat(outcomes.rejectedByCode().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(AdmissionOutcomes.MAX_CODES + 10);
  }

  @Test
  void sumsTheTimeFromAdmissionToBlock() {
    outcomes.finalized(3_000);
    outcomes.finalized(-5); // a clock that went backwards counts as no time
    assertThat(outcomes.finalizedCount()).isEqualTo(2);
    assertThat(outcomes.finalizedNanos()).isEqualTo(3_000);
  }
}
