package org.timecoin.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.timecoin.node.consensus.CompactProposals;
import org.timecoin.node.mempool.TxAnnouncements;

/** Compact relay: how often a compact proposal needed a fetch, and announcement traffic. */
final class RelayMeters {
  private RelayMeters() {}

  static void bind(MeterRegistry r, CompactProposals compact, TxAnnouncements announcements) {
    FunctionCounter.builder("relay.compact.rebuilt", compact, CompactProposals::rebuiltAtOnce)
        .description("compact proposals rebuilt from the mempool alone")
        .register(r);
    FunctionCounter.builder("relay.compact.fetches", compact, CompactProposals::fetches)
        .description("fetches of transactions a compact proposal named but the mempool lacked")
        .register(r);
    FunctionCounter.builder(
            "relay.compact.fetched.transactions", compact, CompactProposals::transactionsFetched)
        .description("transactions asked for in those fetches")
        .register(r);
    FunctionCounter.builder("relay.compact.bad.blocks", compact, CompactProposals::badBlocks)
        .description("compact proposals whose complete block did not match its header")
        .register(r);
    FunctionCounter.builder("relay.tx.requested", announcements, TxAnnouncements::requested)
        .description("announced transactions asked of their announcers")
        .register(r);
    FunctionCounter.builder("relay.tx.served", announcements, TxAnnouncements::served)
        .description("transactions sent to peers that asked for them")
        .register(r);
  }
}
