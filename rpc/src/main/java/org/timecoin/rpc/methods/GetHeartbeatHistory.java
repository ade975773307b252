package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.HeartbeatView;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** The recent heights a masternode signed and missed, from the certificates blocks carry. */
public final class GetHeartbeatHistory implements RpcMethod {
  static final int DEFAULT_LIMIT = 100;

  /** Longest key or address text read: a key is 64 hex characters, an address shorter. */
  static final int MAX_TEXT = 80;

  private final MasternodeService masternodes;

  public GetHeartbeatHistory(MasternodeService masternodes) {
    this.masternodes = masternodes;
  }

  @Override
  public String name() {
    return "getheartbeathistory";
  }

  @Override
  public String help() {
    return "getheartbeathistory <operator_key_or_address> [limit="
        + DEFAULT_LIMIT
        + "] - Lists the recent heights a masternode signed and missed.\n"
        + "Looks at the last limit heights (at most "
        + MasternodeService.MAX_HEARTBEAT_LIMIT
        + ") it was expected to sign; the address is its operator key's or its reward address.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("operator_key_or_address", "limit");
    String who = params.requiredString(0, "operator_key_or_address");
    if (who.isEmpty() || who.length() > MAX_TEXT) {
      throw RpcException.invalidParams(
          "parameter 'operator_key_or_address' must be 1 to " + MAX_TEXT + " characters");
    }
    int limit =
        (int)
            params.optionalLong(
                1, "limit", DEFAULT_LIMIT, 1, MasternodeService.MAX_HEARTBEAT_LIMIT);
    HeartbeatView h;
    try {
      h =
          masternodes
              .heartbeat(who, limit)
              .orElseThrow(
                  () ->
                      new RpcException(
                          RpcErrorCodes.NOT_FOUND,
                          "no masternode with operator key or address " + Params.shortPrefix(who)));
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcErrorCodes.INVALID_PARAMETER, e.getMessage());
    }
    ObjectNode o = Views.JSON.objectNode();
    o.put("operator_key", h.operatorKey());
    o.put("from_height", h.fromHeight());
    o.put("to_height", h.toHeight());
    o.put("signed_count", h.signed().size());
    o.put("missed_count", h.missed().size());
    h.signed().forEach(o.putArray("signed")::add);
    h.missed().forEach(o.putArray("missed")::add);
    return o;
  }
}
