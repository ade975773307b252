package org.timecoin.rpc.server;

/** An error answered to the client as a JSON-RPC error object. */
public final class RpcException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int code;

  public RpcException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static RpcException invalidParams(String message) {
    return new RpcException(RpcErrorCodes.INVALID_PARAMS, message);
  }
}
