package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.api.WalletService.RawInput;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * createrawtransaction &lt;inputs&gt; &lt;outputs&gt;: inputs [{"txid", "vout"}], outputs
 * {"address": amount in TIME} (or [{"address": amount}, ...]); returns the unsigned transaction as
 * hex of the canonical encoding.
 */
public final class CreateRawTransaction implements RpcMethod {
  /** More inputs or outputs than fit in a 1 MB transaction are refused before reading them. */
  static final int MAX_ENTRIES = 36_000;

  private final WalletService wallet;

  public CreateRawTransaction(WalletService wallet) {
    this.wallet = wallet;
  }

  @Override
  public String name() {
    return "createrawtransaction";
  }

  @Override
  public String help() {
    return "createrawtransaction <inputs> <outputs> - An unsigned transaction, in hex.\n"
        + "inputs: [{\"txid\": \"..\", \"vout\": n}, ...]; outputs: {\"address\": amount in TIME, ...}.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("inputs", "outputs");
    JsonNode ins = params.get(0, "inputs");
    JsonNode outs = params.get(1, "outputs");
    if (ins == null || !ins.isArray()) {
      throw RpcException.invalidParams("parameter 'inputs' must be an array");
    }
    if (outs == null || !(outs.isObject() || outs.isArray())) {
      throw RpcException.invalidParams("parameter 'outputs' must be an object");
    }
    if (ins.size() > MAX_ENTRIES || outs.size() > MAX_ENTRIES) {
      throw RpcException.invalidParams("too many inputs or outputs for one transaction");
    }
    try {
      return Views.JSON.textNode(wallet.createRaw(inputs(ins), outputs(outs)));
    } catch (WalletException e) {
      throw WalletErrors.of(e);
    }
  }

  private static List<RawInput> inputs(JsonNode ins) throws RpcException {
    List<RawInput> out = new ArrayList<>(ins.size());
    for (JsonNode in : ins) {
      JsonNode txid = in.get("txid");
      JsonNode vout = in.get("vout");
      if (!in.isObject()
          || txid == null
          || !txid.isTextual()
          || vout == null
          || !vout.canConvertToInt()
          || !vout.isIntegralNumber()
          || vout.asInt() < 0) {
        throw RpcException.invalidParams(
            "each input must be {\"txid\": hex, \"vout\": n} with n >= 0");
      }
      out.add(new RawInput(Txids.parse(txid.asText()), vout.asInt()));
    }
    return out;
  }

  private static Map<String, Long> outputs(JsonNode outs) throws RpcException {
    Map<String, Long> out = new LinkedHashMap<>();
    if (outs.isObject()) {
      add(outs, out);
    } else {
      for (JsonNode o : outs) {
        if (!o.isObject()) {
          throw RpcException.invalidParams("each output must be {\"address\": amount}");
        }
        add(o, out);
      }
    }
    return out;
  }

  private static void add(JsonNode pairs, Map<String, Long> out) throws RpcException {
    Iterator<Map.Entry<String, JsonNode>> it = pairs.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      long units = AmountParam.units(e.getValue(), "outputs");
      if (out.put(e.getKey(), units) != null) {
        throw RpcException.invalidParams(
            "duplicate output address " + Params.shortPrefix(e.getKey()));
      }
    }
  }
}
