package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.BlockView;
import org.timecoin.node.api.TxView;

/** JSON shapes of the node's views, with the Bitcoin-style lower-case keys clients expect. */
final class Views {
  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Views() {}

  static ObjectNode block(BlockView b, int verbosity) {
    ObjectNode o = JSON.objectNode();
    o.put("hash", b.hash());
    o.put("height", b.height());
    o.put("version", b.version());
    o.put("previousblockhash", b.previousHash());
    if (b.nextHash() != null) {
      o.put("nextblockhash", b.nextHash());
    }
    o.put("merkleroot", b.txRoot());
    o.put("stateroot", b.stateRoot());
    o.put("time", b.timestamp());
    o.put("proposer", b.proposer());
    o.put("round", b.round());
    o.put("size", b.size());
    o.put("nTx", b.transactions().size());
    ArrayNode txs = o.putArray("tx");
    for (TxView t : b.transactions()) {
      if (verbosity >= 2) {
        txs.add(tx(t));
      } else {
        txs.add(t.txid());
      }
    }
    ObjectNode cert = o.putObject("commit");
    cert.put("round", b.certificateRound());
    cert.put("signatures", b.commitSignatures());
    return o;
  }

  static ObjectNode tx(TxView t) {
    ObjectNode o = JSON.objectNode();
    o.put("txid", t.txid());
    o.put("size", t.size());
    o.put("coinbase", t.coinbase());
    ArrayNode vin = o.putArray("vin");
    for (TxView.InputView in : t.inputs()) {
      vin.addObject().put("txid", in.txid()).put("vout", in.index()).put("pubkey", in.pubKey());
    }
    ArrayNode vout = o.putArray("vout");
    for (TxView.OutputView out : t.outputs()) {
      vout.addObject()
          .put("n", out.index())
          .put("value", out.amount())
          .put("address", out.address());
    }
    return o;
  }
}
