package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.MasternodeStatusView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** This node's operator key, its registry record and whether it votes. */
public final class MasternodeStatus implements RpcMethod {
  private final MasternodeService masternodes;

  public MasternodeStatus(MasternodeService masternodes) {
    this.masternodes = masternodes;
  }

  @Override
  public String name() {
    return "masternodestatus";
  }

  @Override
  public String help() {
    return "masternodestatus - Shows this node's operator key, its masternode record and whether it"
        + " votes.\n"
        + "registered is false until a registration is final; votes_from_epoch is the first epoch"
        + " whose set holds it (-1: none).";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    MasternodeStatusView s = masternodes.status();
    ObjectNode o = Views.JSON.objectNode();
    o.put("operator_key", s.operatorKey());
    o.put("enabled", s.enabled());
    o.put("registered", s.record() != null);
    if (s.record() == null) {
      o.putNull("masternode");
    } else {
      o.set("masternode", MasternodeJson.record(s.record()));
    }
    o.put("voting", s.voting());
    o.put("epoch", s.epoch());
    o.put("votes_from_epoch", s.votingFromEpoch());
    o.put("message", s.message());
    return o;
  }
}
