package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.timecoin.node.api.TxLookup;
import org.timecoin.rpc.server.RpcException;

/** Txid parameter checks and where-is-it fields shared by the transaction methods. */
final class Txids {
  private Txids() {}

  static String parse(String txid) throws RpcException {
    if (!txid.matches("[0-9a-fA-F]{64}")) {
      throw RpcException.invalidParams("txid must be 64 hex characters");
    }
    return txid.toLowerCase(Locale.ROOT);
  }

  static void placement(ObjectNode o, TxLookup t) {
    o.put("finalized", t.finalized());
    o.put("in_mempool", !t.finalized());
    if (t.finalized()) {
      o.put("blockhash", t.blockHash());
      o.put("height", t.blockHeight());
      o.put("confirmations", t.confirmations());
    }
  }
}
