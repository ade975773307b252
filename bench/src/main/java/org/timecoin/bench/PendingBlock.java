package org.timecoin.bench;

import java.util.List;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.StateUpdate;

/**
 * A block built on the current tip, ready to validate or apply: its UTXO changes, a certificate and
 * the state update computed for its header (with the time that took, in nanoseconds).
 */
record PendingBlock(
    Block block,
    CommitCertificate certificate,
    List<Utxo> adds,
    List<Utxo> removes,
    StateUpdate update,
    long prepareNanos) {}
