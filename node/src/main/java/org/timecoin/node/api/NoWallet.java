package org.timecoin.node.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The wallet service of a node that runs without a wallet. */
final class NoWallet implements WalletService {
  private static WalletException none() {
    return new WalletException(WalletException.Kind.NO_WALLET, "this node runs without a wallet");
  }

  @Override
  public long balance() throws WalletException {
    throw none();
  }

  @Override
  public List<UnspentOutput> coins(long minConf, long maxConf, Set<String> addresses, int limit)
      throws WalletException {
    throw none();
  }

  @Override
  public String createRaw(List<RawInput> inputs, Map<String, Long> outputs) throws WalletException {
    throw none();
  }

  @Override
  public SignedRaw signRaw(String hex) throws WalletException {
    throw none();
  }

  @Override
  public TxView decodeRaw(String hex) throws WalletException {
    throw none();
  }

  @Override
  public CompletableFuture<SentTransaction> send(
      String address, long amount, Optional<Long> feeRate) {
    return CompletableFuture.failedFuture(none());
  }

  @Override
  public CompletableFuture<SentTransaction> merge(
      int minCount, int maxCount, Optional<String> address) {
    return CompletableFuture.failedFuture(none());
  }

  @Override
  public Optional<WalletTxView> transaction(String txidHex) throws WalletException {
    throw none();
  }

  @Override
  public List<WalletTxView> transactions(int count) throws WalletException {
    throw none();
  }
}
