package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import org.timecoin.node.api.SubmitResult;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * sendrawtransaction <hex>: submits a signed transaction (canonical encoding, hex); returns its
 * txid.
 */
public final class SendRawTransaction implements RpcMethod {
  private final TransactionSubmitter submitter;

  public SendRawTransaction(TransactionSubmitter submitter) {
    this.submitter = submitter;
  }

  @Override
  public String name() {
    return "sendrawtransaction";
  }

  @Override
  public String help() {
    return "sendrawtransaction <hex> - Submits a signed transaction (canonical encoding, hex); returns its txid.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("hexstring", "maxfeerate");
    String hex = params.requiredString(0, "hexstring");
    if (hex.isEmpty()
        || hex.length() % 2 != 0
        || !hex.chars().allMatch(SendRawTransaction::isHex)) {
      throw new RpcException(RpcErrorCodes.DESERIALIZATION_ERROR, "TX decode failed: not hex");
    }
    SubmitResult r = submitter.submit(HexFormat.of().parseHex(hex));
    if (r.accepted()) {
      return Views.JSON.textNode(r.txid());
    }
    int code =
        SubmitResult.DECODE_FAILED.equals(r.rejectCode())
            ? RpcErrorCodes.DESERIALIZATION_ERROR
            : RpcErrorCodes.VERIFY_REJECTED;
    throw new RpcException(code, r.rejectCode() + ": " + r.message());
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
