package org.timecoin.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON-RPC method. Implementations are stateless apart from the facades they query. */
public interface RpcMethod {
  String name();

  /** One line for help output: the parameters and what the method returns. */
  String help();

  /** The {@code result} member of the response. */
  JsonNode call(Params params) throws RpcException;
}
