package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.timecoin.node.api.AttestationView;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Per masternode that entered a set: certificates signed and missed, uptime, since when. */
public final class GetAttestationStats implements RpcMethod {
  private final MasternodeService masternodes;

  public GetAttestationStats(MasternodeService masternodes) {
    this.masternodes = masternodes;
  }

  @Override
  public String name() {
    return "getattestationstats";
  }

  @Override
  public String help() {
    return "getattestationstats - Certificates each masternode signed and missed since it entered a"
        + " set.\n"
        + "Each: operator_key, tier, status, signed, missed, uptime (signed over both, 0..1),"
        + " since (first height it voted at), last_signed_height.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ArrayNode out = Views.JSON.arrayNode();
    for (AttestationView a : masternodes.attestationStats()) {
      out.add(MasternodeJson.attestation(a));
    }
    return out;
  }
}
