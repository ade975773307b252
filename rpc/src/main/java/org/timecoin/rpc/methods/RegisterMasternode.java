package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * registermasternode &lt;tier&gt; [reward_address] [network_address]: locks the tier's collateral
 * from the wallet and registers this node's operator key; returns once the mempool admitted it.
 */
public final class RegisterMasternode implements RpcMethod {
  /** Longest tier name, address or host:port text read. */
  static final int MAX_TEXT = 80;

  private final MasternodeService masternodes;

  public RegisterMasternode(MasternodeService masternodes) {
    this.masternodes = masternodes;
  }

  @Override
  public String name() {
    return "registermasternode";
  }

  @Override
  public String help() {
    return "registermasternode <tier> [reward_address] [network_address] - Registers this node as a"
        + " masternode, locking the tier's collateral from the wallet.\n"
        + "tier: bronze (1,000 TIME), silver (10,000) or gold (100,000). reward_address defaults to"
        + " [masternode] reward_address, else the collateral's address; network_address (host:port)"
        + " to the P2P listen address. Returns txid and collateral (txid:0).";
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
    String tier;
    Optional<String> reward;
    Optional<String> network;
    try {
      params.accept("tier", "reward_address", "network_address");
      tier = bounded(params.requiredString(0, "tier"), "tier");
      reward = optionalText(params, 1, "reward_address");
      network = optionalText(params, 2, "network_address");
    } catch (RpcException e) {
      return CompletableFuture.failedFuture(e);
    }
    return WalletErrors.mapped(
        masternodes
            .register(tier, reward, network)
            .thenApply(
                r -> {
                  ObjectNode o = Views.JSON.objectNode();
                  o.put("txid", r.txid());
                  o.put("collateral", r.collateral());
                  o.put("operator_key", r.operatorKey());
                  o.put("tier", r.tier());
                  o.put("amount", r.amount());
                  o.put("fee", r.fee());
                  return o;
                }));
  }

  /** An optional string parameter; empty when absent or "". */
  static Optional<String> optionalText(Params params, int index, String name) throws RpcException {
    if (params.get(index, name) == null) {
      return Optional.empty();
    }
    String text = bounded(params.requiredString(index, name), name);
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  static String bounded(String text, String name) throws RpcException {
    if (text.length() > MAX_TEXT) {
      throw RpcException.invalidParams(
          "parameter '" + name + "' is longer than " + MAX_TEXT + " characters");
    }
    return text;
  }
}
