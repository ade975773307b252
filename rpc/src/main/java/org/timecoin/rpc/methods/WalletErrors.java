package org.timecoin.rpc.methods;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.timecoin.node.api.WalletException;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;

/** Wallet failures as the Bitcoin-style error codes wallet clients expect. */
final class WalletErrors {
  private WalletErrors() {}

  static RpcException of(WalletException e) {
    int code =
        switch (e.kind()) {
          case NO_WALLET -> RpcErrorCodes.WALLET_NOT_FOUND;
          case LOCKED -> RpcErrorCodes.WALLET_UNLOCK_NEEDED;
          case WRONG_PASSPHRASE -> RpcErrorCodes.WALLET_PASSPHRASE_INCORRECT;
          case WRONG_STATE -> RpcErrorCodes.WALLET_WRONG_ENC_STATE;
          case INSUFFICIENT_FUNDS -> RpcErrorCodes.WALLET_INSUFFICIENT_FUNDS;
          case INVALID_KEY, INVALID_ADDRESS, NOT_IN_WALLET, NOT_FOUND -> RpcErrorCodes.NOT_FOUND;
          case INVALID_PARAMETER -> RpcErrorCodes.INVALID_PARAMETER;
          case DECODE_FAILED -> RpcErrorCodes.DESERIALIZATION_ERROR;
          case REJECTED -> RpcErrorCodes.VERIFY_REJECTED;
          case FILE_ERROR -> RpcErrorCodes.WALLET_ERROR;
        };
    return new RpcException(code, e.getMessage());
  }

  /** The future's wallet failure turned into its RPC error; other failures pass unchanged. */
  static <T> CompletableFuture<T> mapped(CompletableFuture<T> f) {
    return f.exceptionallyCompose(
        e -> {
          Throwable cause =
              e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          return CompletableFuture.failedFuture(cause instanceof WalletException w ? of(w) : cause);
        });
  }

  /** Runs a synchronous method body; for methods whose work completes at once. */
  static <T> T join(CompletableFuture<T> f) throws RpcException {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RpcException r) {
        throw r;
      }
      throw e;
    }
  }
}
