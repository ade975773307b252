package org.timecoin.node.wallet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.timecoin.node.api.TxView;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.api.WalletTxView;

/**
 * The spending side while a wallet exists; before that (an encrypted wallet not yet created by
 * {@code encryptwallet}) every call answers "no wallet", as a node without one does, rather than an
 * empty balance that looks like a wallet.
 */
public final class PresentWalletOnly implements WalletService {
  private final BooleanSupplier present;
  private final WalletService spender;

  public PresentWalletOnly(BooleanSupplier present, WalletService spender) {
    this.present = present;
    this.spender = spender;
  }

  private WalletService target() {
    return present.getAsBoolean() ? spender : WalletService.NONE;
  }

  @Override
  public long balance() throws WalletException {
    return target().balance();
  }

  @Override
  public List<UnspentOutput> coins(long minConf, long maxConf, Set<String> addresses, int limit)
      throws WalletException {
    return target().coins(minConf, maxConf, addresses, limit);
  }

  @Override
  public String createRaw(List<RawInput> inputs, Map<String, Long> outputs) throws WalletException {
    return target().createRaw(inputs, outputs);
  }

  @Override
  public SignedRaw signRaw(String hex) throws WalletException {
    return target().signRaw(hex);
  }

  @Override
  public TxView decodeRaw(String hex) throws WalletException {
    return target().decodeRaw(hex);
  }

  @Override
  public CompletableFuture<SentTransaction> send(
      String address, long amount, Optional<Long> feeRate) {
    return target().send(address, amount, feeRate);
  }

  @Override
  public CompletableFuture<SentTransaction> merge(
      int minCount, int maxCount, Optional<String> address) {
    return target().merge(minCount, maxCount, address);
  }

  @Override
  public Optional<WalletTxView> transaction(String txidHex) throws WalletException {
    return target().transaction(txidHex);
  }

  @Override
  public List<WalletTxView> transactions(int count) throws WalletException {
    return target().transactions(count);
  }
}
