package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.NodeControl;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Stops the node. */
public final class Stop implements RpcMethod {
  private final NodeControl control;

  public Stop(NodeControl control) {
    this.control = control;
  }

  @Override
  public String name() {
    return "stop";
  }

  @Override
  public String help() {
    return "stop - Stops the node.";
  }

  @Override
  public boolean admin() {
    return true;
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    control.requestStop();
    return Views.JSON.textNode("TIME Coin node stopping");
  }
}
