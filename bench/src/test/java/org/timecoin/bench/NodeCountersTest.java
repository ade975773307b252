package org.timecoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeCountersTest {
  static final String SCRAPE =
      """
      # HELP p2p_sent_bytes_total bytes written to peers
      # TYPE p2p_sent_bytes_total counter
      p2p_sent_bytes_total{direction="out",type="txs"} 1200.0
      p2p_sent_bytes_total{type="vote"} 300.0
      p2p_sent_bytes_total{direction="in",type="txs"} 34.0
      p2p_sent_uncompressed_bytes_total{type="txs"} 1500.0
      relay_tx_served_total 7.0
      relay_compact_fetches_total{peer="a"} 2.0
      relay_compact_fetches_total{peer="b"} 3.0
      jvm_threads_allocated_bytes_total 1.0E7
      jvm_gc_pause_seconds_sum{action="end of minor GC",gc="G1 Young Generation"} 0.25
      jvm_gc_pause_seconds_sum{action="end of major GC",gc="G1 Old Generation"} 0.5
      jvm_gc_pause_seconds_count{action="end of minor GC"} 9.0
      mempool_tx_finality_seconds_sum 12.5
      mempool_tx_finality_seconds_count 25.0
      jvm_compilation_elapsed_seconds_total 4.75
      mempool_admission_held_seconds_total 1.5
      validation_decoded_keys_lookups_total 400.0
      validation_decoded_keys_hits_total 300.0
      validation_block_txs_cached_total 90.0
      validation_block_txs_checked_total 10.0
      jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
      """;

  @Test
  void sumsEachFigureOverItsLabelSetsAndKeepsBytesByType() {
    NodeCounters c = NodeCounters.parse(SCRAPE);
    assertThat(c.bytesByType()).containsEntry("txs", 1234L).containsEntry("vote", 300L).hasSize(2);
    assertThat(c.uncompressedByType()).containsEntry("txs", 1500L).hasSize(1);
    assertThat(c.relay("relay_tx_served_total")).isEqualTo(7);
    assertThat(c.relay("relay_compact_fetches_total")).isEqualTo(5);
    assertThat(c.allocatedBytes()).isEqualTo(10_000_000L);
    assertThat(c.gcPauseSeconds()).isEqualTo(0.75);
    assertThat(c.finalitySeconds()).isEqualTo(12.5);
    assertThat(c.finalized()).isEqualTo(25);
    assertThat(c.compileSeconds()).isEqualTo(4.75);
    assertThat(c.total()).isEqualTo(1534);
    assertThat(c.admissionHeldSeconds()).isEqualTo(1.5);
    assertThat(c.decodedKeysHitRatio()).isEqualTo(0.75);
    assertThat(c.blockTxsCheckedShare()).isEqualTo(0.1);
    assertThat(NodeCounters.none().blockTxsCheckedShare()).isNaN();
  }

  @Test
  void aWindowIsTheDifferenceOfTwoScrapesSummedOverNodes() {
    NodeCounters before = NodeCounters.parse(SCRAPE);
    NodeCounters later =
        NodeCounters.parse(
            SCRAPE
                .replace("lookups_total 400.0", "lookups_total 600.0")
                .replace("hits_total 300.0", "hits_total 500.0"));
    NodeCounters window = later.plus(later).minus(before.plus(before));
    assertThat(window.decodedKeysHitRatio()).as("400 of 400 in the window").isEqualTo(1.0);
    assertThat(window.admissionHeldSeconds()).isZero();
    assertThat(NodeCounters.none().decodedKeysHitRatio()).isZero();
  }

  @Test
  void aScrapeWithoutSentBytesIsNotTakenForZero() {
    assertThatThrownBy(() -> NodeCounters.parse("relay_tx_served_total 7.0\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("p2p_sent_bytes_total");
  }
}
