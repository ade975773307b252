package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * deregistermasternode &lt;collateral_txid&gt;: the wallet key owning the collateral signs a
 * deregistration of its masternode; returns once the mempool admitted it.
 */
public final class DeregisterMasternode implements RpcMethod {
  private final MasternodeService masternodes;

  public DeregisterMasternode(MasternodeService masternodes) {
    this.masternodes = masternodes;
  }

  @Override
  public String name() {
    return "deregistermasternode";
  }

  @Override
  public String help() {
    return "deregistermasternode <collateral_txid> - Deregisters the wallet's masternode whose"
        + " collateral is output 0 of collateral_txid.\n"
        + "It leaves at the next epoch boundary; its collateral is spendable once no current or"
        + " next set holds it. Returns txid and collateral.";
  }

  @Override
  public boolean admin() {
    return true;
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    return WalletErrors.join(callAsync(params));
  }

  @Override
  public CompletableFuture<JsonNode> callAsync(Params params) {
    String txid;
    try {
      params.accept("collateral_txid");
      txid = params.requiredString(0, "collateral_txid");
      if (!txid.matches("[0-9a-fA-F]{64}")) {
        throw RpcException.invalidParams("parameter 'collateral_txid' must be 64 hex characters");
      }
      txid = txid.toLowerCase(java.util.Locale.ROOT);
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    }
    return WalletErrors.mapped(
        masternodes
            .deregister(txid)
            .thenApply(
                d -> {
                  ObjectNode o = Views.JSON.objectNode();
                  o.put("txid", d.txid());
                  o.put("collateral", d.collateral());
                  o.put("fee", d.fee());
                  return o;
                }));
  }
}
