package org.timecoin.storage.commit;

import java.nio.charset.StandardCharsets;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.Utxo;

/**
 * The elements the state commitment sums: every unspent output, as its canonical encoding, and
 * every masternode record, as a tag followed by its canonical encoding. The tag keeps the two kinds
 * apart (a UTXO's encoding starts with a txid and has a fixed length), so one LtHash16 commits to
 * both and a snapshot's chunks of either kind add up to the header's stateRoot.
 */
public final class StateElements {
  private static final byte[] RECORD_TAG =
      "timecoin/state/masternode/v1\0".getBytes(StandardCharsets.US_ASCII);

  private StateElements() {}

  /** The element of an unspent output. */
  public static byte[] utxo(Utxo u) {
    return Utxo.CODEC.encode(u);
  }

  /** The element of a masternode record. */
  public static byte[] record(MasternodeRecord r) {
    return record(MasternodeRecord.CODEC.encode(r));
  }

  /** The element of a masternode record given as its canonical encoding. */
  public static byte[] record(byte[] encodedRecord) {
    byte[] out = new byte[RECORD_TAG.length + encodedRecord.length];
    System.arraycopy(RECORD_TAG, 0, out, 0, RECORD_TAG.length);
    System.arraycopy(encodedRecord, 0, out, RECORD_TAG.length, encodedRecord.length);
    return out;
  }
}
