package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.UtxoSetView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Count and total of unspent outputs at the tip, with the state root. */
public final class GetTxOutSetInfo implements RpcMethod {
  private final ChainQueries chain;

  public GetTxOutSetInfo(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "gettxoutsetinfo";
  }

  @Override
  public String help() {
    return "gettxoutsetinfo - Count and total of unspent outputs at the tip, with the state root.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    UtxoSetView u = chain.utxoSet();
    return Views.JSON
        .objectNode()
        .put("height", u.height())
        .put("bestblock", u.bestBlockHash())
        .put("txouts", u.txouts())
        .put("total_amount", u.totalAmount())
        .put("stateroot", u.stateRoot());
  }
}
