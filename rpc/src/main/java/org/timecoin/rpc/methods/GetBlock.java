package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.timecoin.node.api.BlockView;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** getblock <hash|height> [verbosity=1]: the block; verbosity 2 includes full transactions. */
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
    return "getblock - getblock <hash|height> [verbosity=1]: the block; verbosity 2 includes full transactions.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("blockhash", "verbosity");
    JsonNode which = params.get(0, "blockhash");
    int verbosity = (int) params.optionalLong(1, "verbosity", 1, 0, 2);
    Optional<BlockView> block;
    if (which == null) {
      throw RpcException.invalidParams("missing parameter 'blockhash'");
    } else if (which.isIntegralNumber()) {
      long height = Params.toLong(which, "blockhash");
      if (height < 0) {
        throw RpcException.invalidParams("height must not be negative");
      }
      block = chain.blockByHeight(height);
    } else if (which.isTextual() && which.asText().matches("[0-9a-fA-F]{64}")) {
      block = chain.blockByHash(which.asText().toLowerCase(java.util.Locale.ROOT));
    } else {
      throw RpcException.invalidParams("blockhash must be 64 hex characters or a height");
    }
    BlockView b =
        block.orElseThrow(() -> new RpcException(RpcErrorCodes.NOT_FOUND, "Block not found"));
    if (verbosity == 0) {
      return Views.JSON.textNode(b.hash());
    }
    return Views.block(b, verbosity);
  }
}
