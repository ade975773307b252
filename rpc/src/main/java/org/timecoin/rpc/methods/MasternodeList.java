package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.ValidatorView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** The validator set (masternodes) with power, tier and reward address. */
public final class MasternodeList implements RpcMethod {
  private final ChainQueries chain;

  public MasternodeList(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "masternodelist";
  }

  @Override
  public String help() {
    return "masternodelist - The validator set (masternodes) with power, tier and reward address.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ArrayNode out = Views.JSON.arrayNode();
    for (ValidatorView v : chain.validators()) {
      out.addObject()
          .put("pubkey", v.publicKey())
          .put("voting_power", v.votingPower())
          .put("tier", v.tier())
          .put("reward_address", v.rewardAddress())
          .put("connected", v.connected());
    }
    if (out.isEmpty()) {
      throw new RpcException(RpcErrorCodes.INTERNAL_ERROR, "no validators");
    }
    return out;
  }
}
