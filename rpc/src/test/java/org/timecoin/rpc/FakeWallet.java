package org.timecoin.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.timecoin.node.api.TxView;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.api.WalletTxView;

/** A wallet that records what RPC asked of it and answers with fixed values or a set failure. */
public final class FakeWallet implements WalletService {
  public final List<Object> calls = new ArrayList<>();
  public WalletException failure;
  public CompletableFuture<SentTransaction> sendResult;

  private void check() throws WalletException {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public long balance() throws WalletException {
    check();
    return 42_000;
  }

  @Override
  public List<UnspentOutput> coins(long minConf, long maxConf, Set<String> addresses, int limit)
      throws WalletException {
    check();
    calls.add(List.of(minConf, maxConf, addresses));
    return List.of(new UnspentOutput("ee".repeat(32), 1, "TIME0w", 7_000, 3, false));
  }

  @Override
  public String createRaw(List<RawInput> inputs, Map<String, Long> outputs) throws WalletException {
    check();
    calls.add(inputs);
    calls.add(outputs);
    return "c0ffee";
  }

  @Override
  public SignedRaw signRaw(String hex) throws WalletException {
    check();
    return new SignedRaw(hex + "00", true);
  }

  @Override
  public TxView decodeRaw(String hex) throws WalletException {
    check();
    return new TxView(
        "dd".repeat(32),
        false,
        100,
        List.of(new TxView.InputView("aa".repeat(32), 0, "00".repeat(32))),
        List.of(new TxView.OutputView(0, 5_000, "TIME0x")));
  }

  @Override
  public CompletableFuture<SentTransaction> send(
      String address, long amount, Optional<Long> feeRate) {
    calls.add(List.of(address, amount, feeRate));
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    return sendResult != null
        ? sendResult
        : CompletableFuture.completedFuture(
            new SentTransaction("12".repeat(32), 1, amount, 1_000, 0));
  }

  @Override
  public CompletableFuture<SentTransaction> merge(
      int minCount, int maxCount, Optional<String> address) {
    calls.add(List.of(minCount, maxCount, address));
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    return CompletableFuture.completedFuture(
        new SentTransaction("34".repeat(32), maxCount, 99_000, 1_000, 0));
  }

  @Override
  public Optional<WalletTxView> transaction(String txidHex) throws WalletException {
    check();
    return txidHex.equals("12".repeat(32)) ? Optional.of(tx()) : Optional.empty();
  }

  @Override
  public List<WalletTxView> transactions(int count) throws WalletException {
    check();
    calls.add(count);
    return List.of(tx());
  }

  private static WalletTxView tx() {
    return new WalletTxView(
        "12".repeat(32), -6_000, 1_000, "final", 9, "ab".repeat(32), 2, null, 5_000);
  }
}
