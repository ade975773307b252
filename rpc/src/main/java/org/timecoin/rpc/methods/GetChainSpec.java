package org.timecoin.rpc.methods;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.config.ConfigException;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** The chain spec of this node's chain, as another node joins it with {@code --chain}. */
public final class GetChainSpec implements RpcMethod {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ChainQueries chain;

  public GetChainSpec(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getchainspec";
  }

  @Override
  public String help() {
    return "getchainspec - the chain spec (genesis, default ports, seeds) others join this chain"
        + " with: save it as a file and run 'timed --chain FILE'.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    String spec;
    try {
      spec = chain.chainSpec();
    } catch (ConfigException e) {
      // e.g. no seed known: the node listens on a wildcard address and has no peers configured
      throw new RpcException(RpcErrorCodes.INTERNAL_ERROR, "no chain spec: " + e.getMessage());
    }
    try {
      return MAPPER.readTree(spec);
    } catch (JacksonException e) {
      throw new RpcException(RpcErrorCodes.INTERNAL_ERROR, "chain spec is not valid JSON");
    }
  }
}
