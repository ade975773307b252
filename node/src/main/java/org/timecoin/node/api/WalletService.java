package org.timecoin.node.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The node's wallet as RPC sees it: balances and coins, raw transactions, sends and merges, and the
 * history of its transactions. Amounts are in units. Methods that move coins complete later (the
 * transaction is validated by the mempool first) and never block the caller while it is.
 */
public interface WalletService {
  /** The wallet's total: every finalized unspent output paying one of its addresses. */
  long balance() throws WalletException;

  /**
   * The wallet's coins with {@code minConf..maxConf} confirmations, restricted to {@code addresses}
   * when it is not empty, at most {@code limit}.
   */
  List<UnspentOutput> coins(long minConf, long maxConf, Set<String> addresses, int limit)
      throws WalletException;

  /**
   * An unsigned transaction spending {@code inputs} and paying {@code outputs} (address → units, in
   * order), as hex of the canonical encoding; inputs carry a zero public key until signed.
   */
  String createRaw(List<RawInput> inputs, Map<String, Long> outputs) throws WalletException;

  /** Fills in the public key and signature of every input the wallet owns. */
  SignedRaw signRaw(String hex) throws WalletException;

  /** The transaction encoded in {@code hex}. */
  TxView decodeRaw(String hex) throws WalletException;

  /**
   * Pays {@code amount} to {@code address} from the wallet's coins, with change back to the wallet,
   * signs and submits it. {@code feeRate} (units per byte) overrides the node's minimum when
   * present.
   */
  CompletableFuture<SentTransaction> send(String address, long amount, Optional<Long> feeRate);

  /**
   * Merges up to {@code maxCount} of the wallet's smallest coins into one output paying {@code
   * address} (a wallet address when empty); fails when fewer than {@code minCount} coins exist.
   */
  CompletableFuture<SentTransaction> merge(int minCount, int maxCount, Optional<String> address);

  /** A transaction of the wallet's history by txid (64 hex characters). */
  Optional<WalletTxView> transaction(String txidHex) throws WalletException;

  /** The latest {@code count} transactions of the wallet, newest last. */
  List<WalletTxView> transactions(int count) throws WalletException;

  /** An outpoint to spend, as createrawtransaction takes it. */
  record RawInput(String txid, int vout) {}

  /** A transaction after signing: its hex and whether every input now carries a valid signature. */
  record SignedRaw(String hex, boolean complete) {}

  /** A transaction the wallet built, signed and got admitted to the mempool. */
  record SentTransaction(String txid, int inputs, long amount, long fee, long change) {}

  /** Without a wallet every method fails with {@link WalletException.Kind#NO_WALLET}. */
  WalletService NONE = new NoWallet();
}
