package org.timecoin.rpc.server;

/** JSON-RPC 2.0 error codes, plus the Bitcoin-style application codes users' tools expect. */
public final class RpcErrorCodes {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /** The server has no room for the request now: try again later. */
  public static final int SERVER_BUSY = -32000;

  /** The caller may not call this method (a read-only user calling an admin method). */
  public static final int FORBIDDEN = -32001;

  /** The answer would exceed the response size limit. */
  public static final int RESPONSE_TOO_LARGE = -32002;

  /** Unknown block, transaction or address (Bitcoin RPC_INVALID_ADDRESS_OR_KEY). */
  public static final int NOT_FOUND = -5;

  /** The node is still starting (Bitcoin Core's RPC_IN_WARMUP): retry later. */
  public static final int IN_WARMUP = -28;

  /** Bytes that do not decode as the expected structure (Bitcoin RPC_DESERIALIZATION_ERROR). */
  public static final int DESERIALIZATION_ERROR = -22;

  /** A transaction refused by the mempool rules (Bitcoin RPC_VERIFY_REJECTED). */
  public static final int VERIFY_REJECTED = -26;

  /** A wallet operation failed, e.g. its file could not be written (RPC_WALLET_ERROR). */
  public static final int WALLET_ERROR = -4;

  /** The wallet does not hold enough coins (RPC_WALLET_INSUFFICIENT_FUNDS). */
  public static final int WALLET_INSUFFICIENT_FUNDS = -6;

  /** A parameter out of its allowed range (RPC_INVALID_PARAMETER). */
  public static final int INVALID_PARAMETER = -8;

  /** The wallet is locked (RPC_WALLET_UNLOCK_NEEDED). */
  public static final int WALLET_UNLOCK_NEEDED = -13;

  /** The passphrase does not open the wallet (RPC_WALLET_PASSPHRASE_INCORRECT). */
  public static final int WALLET_PASSPHRASE_INCORRECT = -14;

  /**
   * Encrypted when the call needs it plain, or the other way round (RPC_WALLET_WRONG_ENC_STATE).
   */
  public static final int WALLET_WRONG_ENC_STATE = -15;

  /** No wallet exists yet (RPC_WALLET_NOT_FOUND). */
  public static final int WALLET_NOT_FOUND = -18;

  private RpcErrorCodes() {}
}
