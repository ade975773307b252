package org.timecoin.domain.validation;

import java.util.List;
import org.timecoin.domain.tx.Utxo;

/**
 * What a valid block does to the UTXO set: {@code spent} are the pre-existing UTXOs it consumes,
 * {@code created} the outputs it adds that are still unspent at the end of the block (an output
 * created and spent inside the same block is in neither). {@code fees} is the sum of the fees of
 * its non-coinbase transactions.
 */
public record BlockDelta(long height, List<Utxo> spent, List<Utxo> created, long fees) {
  public BlockDelta {
    spent = List.copyOf(spent);
    created = List.copyOf(created);
  }
}
