package org.timecoin.rpc.server;

/** JSON-RPC 2.0 error codes, plus the Bitcoin-style application codes users' tools expect. */
public final class RpcErrorCodes {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /** Unknown block, transaction or address (Bitcoin RPC_INVALID_ADDRESS_OR_KEY). */
  public static final int NOT_FOUND = -5;

  /** Bytes that do not decode as the expected structure (Bitcoin RPC_DESERIALIZATION_ERROR). */
  public static final int DESERIALIZATION_ERROR = -22;

  /** A transaction refused by the mempool rules (Bitcoin RPC_VERIFY_REJECTED). */
  public static final int VERIFY_REJECTED = -26;

  /** A parameter with a valid type but a value the method cannot use (RPC_INVALID_PARAMETER). */
  public static final int INVALID_PARAMETER = -8;

  /** The wallet does not hold enough coins (RPC_WALLET_INSUFFICIENT_FUNDS). */
  public static final int WALLET_INSUFFICIENT_FUNDS = -6;

  /** The wallet must be unlocked first (RPC_WALLET_UNLOCK_NEEDED). */
  public static final int WALLET_UNLOCK_NEEDED = -13;

  /** The node runs without a wallet (RPC_WALLET_NOT_FOUND). */
  public static final int WALLET_NOT_FOUND = -18;

  private RpcErrorCodes() {}
}
