package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.timecoin.node.api.BlockView;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * getblock &lt;hash|height&gt; [verbosity=1]: the block as hex (0), an object (1) or an object with
 * full transactions (2).
 */
public final class GetBlock implements RpcMethod {
  private final ChainQueries chain;

  public GetBlock(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getblock";
  }

  @Override
  public String help() {
    return "getblock <hash|height> [verbosity=1] - The block with this hash or at this height.\n"
        + "verbosity 0: the block in its canonical encoding, hex.\n"
        + "verbosity 1: an object with header fields, txids and the commit certificate summary;\n"
        + "  stored_at_ms: when this node stored it (ms since the epoch), for recent blocks.\n"
        + "verbosity 2: as 1, with each transaction in full.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("blockhash", "verbosity");
    JsonNode which = params.get(0, "blockhash");
    int verbosity = (int) params.optionalLong(1, "verbosity", 1, 0, 2);
    if (which == null) {
      throw RpcException.invalidParams("missing parameter 'blockhash'");
    }
    if (verbosity == 0) {
      return Views.JSON.textNode(
          found(
              byHeight(which)
                  ? chain.rawBlockByHeight(height(which))
                  : chain.rawBlockByHash(hash(which))));
    }
    BlockView b =
        found(
            byHeight(which) ? chain.blockByHeight(height(which)) : chain.blockByHash(hash(which)));
    ObjectNode out = Views.block(b, verbosity);
    chain.storedAtMillis(b.height()).ifPresent(ms -> out.put("stored_at_ms", ms));
    return out;
  }

  private static boolean byHeight(JsonNode which) {
    return which.isIntegralNumber();
  }

  private static long height(JsonNode which) throws RpcException {
    if (!which.canConvertToLong() || which.asLong() < 0) {
      throw RpcException.invalidParams("height must be between 0 and 2^63-1");
    }
    return which.asLong();
  }

  private static String hash(JsonNode which) throws RpcException {
    if (which.isTextual() && which.asText().matches("[0-9a-fA-F]{64}")) {
      return which.asText().toLowerCase(java.util.Locale.ROOT);
    }
    throw RpcException.invalidParams("blockhash must be 64 hex characters or a height");
  }

  private static <T> T found(Optional<T> block) throws RpcException {
    return block.orElseThrow(() -> new RpcException(RpcErrorCodes.NOT_FOUND, "Block not found"));
  }
}
