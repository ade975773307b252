package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.MasternodeView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Every masternode of the registry: tier, collateral, keys, addresses, status and liveness. */
public final class MasternodeList implements RpcMethod {
  private final MasternodeService masternodes;

  public MasternodeList(MasternodeService masternodes) {
    this.masternodes = masternodes;
  }

  @Override
  public String name() {
    return "masternodelist";
  }

  @Override
  public String help() {
    return "masternodelist - Lists the registered masternodes, genesis validators included.\n"
        + "Each: operator_key, tier, collateral (txid:vout, null for genesis), owner, reward_address,"
        + " network_address, voting_power, status (PENDING, ACTIVE_SET, LEAVING, REMOVED),"
        + " in_current_set, active, last_signed_height, signed_count, uptime (0..1).";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ArrayNode out = Views.JSON.arrayNode();
    for (MasternodeView m : masternodes.masternodes()) {
      out.add(MasternodeJson.record(m));
    }
    return out;
  }
}
