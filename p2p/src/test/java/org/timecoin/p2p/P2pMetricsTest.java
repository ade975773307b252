package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class P2pMetricsTest {
  final P2pMetrics m = new P2pMetrics();

  @Test
  void banCausesAreTheLeadingWordsOfTheReasonWithoutIds() {
    assertThat(P2pMetrics.causeLabel("relayed transaction 3fa2c0: fee-too-low"))
        .isEqualTo("relayed_transaction");
    assertThat(P2pMetrics.causeLabel("consensus message refused: FORGED"))
        .isEqualTo("consensus_message");
    assertThat(P2pMetrics.causeLabel("MALFORMED_FRAME")).isEqualTo("malformed_frame");
    assertThat(P2pMetrics.causeLabel("asked for blocks far beyond its budget"))
        .isEqualTo("asked_for_blocks_far_beyond_its_budget");
    assertThat(P2pMetrics.causeLabel("12 ranges missed")).isEqualTo(P2pMetrics.OTHER_CAUSE);
    assertThat(P2pMetrics.causeLabel("")).isEqualTo(P2pMetrics.OTHER_CAUSE);
  }

  @Test
  void banCausesAreBounded() {
    for (int i = 0; i < 100; i++) {
      m.ban("cause " + (char) ('a' + i % 26) + (char) ('a' + i / 26));
    }
    assertThat(m.bansByCause()).hasSizeLessThanOrEqualTo(P2pMetrics.MAX_BAN_CAUSES + 1);
    assertThat(m.bansByCause().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(100);
    assertThat(m.bansImposed()).isEqualTo(100);
  }

  @Test
  void trafficIsCountedPerFrameType() {
    m.received(0x03, 40, 40);
    m.received(0x03, 40, 40);
    m.sent(0x20, 1_000, 1_000);
    m.nameType(0x20, "VOTE");
    assertThat(m.bytesReceived(0x03)).isEqualTo(80);
    assertThat(m.framesReceived(0x03)).isEqualTo(2);
    assertThat(m.bytesSent(0x20)).isEqualTo(1_000);
    assertThat(m.framesSent(0x20)).isEqualTo(1);
    assertThat(m.typeNames()).containsEntry(0x03, "ping").containsEntry(0x20, "vote");
  }

  @Test
  void wireAndUncompressedBytesAreCountedApartSoTheRatioIsKnownPerType() {
    m.sent(0x21, 400, 1_000);
    m.sent(0x21, 100, 100);
    m.received(0x21, 250, 900);
    assertThat(m.bytesSent(0x21)).isEqualTo(500);
    assertThat(m.bytesSentUncompressed(0x21)).isEqualTo(1_100);
    assertThat(m.bytesReceived(0x21)).isEqualTo(250);
    assertThat(m.bytesReceivedUncompressed(0x21)).isEqualTo(900);
    assertThat(m.compressionRatio(0x21)).isEqualTo(500.0 / 1_100);
    assertThat(m.compressionRatio(0x22)).as("nothing sent").isEqualTo(1.0);
  }
}
