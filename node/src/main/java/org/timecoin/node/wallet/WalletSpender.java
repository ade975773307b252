package org.timecoin.node.wallet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.masternode.TxPayload;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.SigHash;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.TxSigner;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.TxRules;
import org.timecoin.node.api.TxView;
import org.timecoin.node.api.UnspentOutput;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.api.WalletTxView;
import org.timecoin.node.chain.BlockListener;

/**
 * The spending side of the wallet: coins from {@link WalletCoins}, keys from the {@link KeyRing}
 * (asked at the moment of signing, never kept), transactions submitted to the mempool and followed
 * in {@link WalletHistory} as blocks are stored. A send never waits for validation on its caller's
 * thread: it completes when the mempool has answered.
 */
public final class WalletSpender implements WalletService, BlockListener {
  private static final Logger log = LoggerFactory.getLogger(WalletSpender.class);

  /** Offers a signed transaction to the mempool. */
  @FunctionalInterface
  public interface Submitter {
    CompletableFuture<Admission> submit(Transaction tx);
  }

  /** The mempool's answer: admitted, or refused with the reason. */
  public record Admission(boolean accepted, String reason) {}

  private final KeyRing keys;
  private final WalletCoins coins;
  private final WalletHistory history;
  private final WalletContext context;
  private final RawTransactions raw;
  private final WalletPorts ports;

  /**
   * What the wallet needs of its node.
   *
   * @param submitter offers signed transactions to the mempool
   * @param inMempool whether the mempool still holds a transaction
   * @param verified records a transaction whose signatures were checked (the signature cache)
   * @param signer the thread that builds and signs sends, so callers never wait for it
   * @param tipHeight the finalized height, for confirmations
   */
  public record WalletPorts(
      Submitter submitter,
      Predicate<Hash32> inMempool,
      Consumer<Hash32> verified,
      Executor signer,
      LongSupplier tipHeight,
      Clock clock) {}

  public WalletSpender(
      KeyRing keys,
      WalletCoins coins,
      WalletHistory history,
      WalletContext context,
      WalletPorts ports) {
    this.keys = keys;
    this.coins = coins;
    this.history = history;
    this.context = context;
    this.raw = new RawTransactions(context.network(), (int) context.params().maxTxBytes());
    this.ports = ports;
  }

  /** Finds the coins of every wallet address with {@code scan}; once, before blocks arrive. */
  public void load(Function<Address, Stream<Utxo>> scan) {
    for (var a : keys.addresses()) {
      rescan(a.address(), scan);
    }
    log.info("wallet holds {} coins, {} TIME", coins.size(), Amounts.toTimeString(coins.total()));
  }

  /** Adds the coins of {@code address} (a key imported after start). */
  public void rescan(Address address, Function<Address, Stream<Utxo>> scan) {
    try (Stream<Utxo> found = scan.apply(address)) {
      coins.add(found::iterator);
    }
  }

  public WalletCoins coinIndex() {
    return coins;
  }

  @Override
  public void onBlockStored(Block block, CommitCertificate certificate) {
    long now = ports.clock().wallMillis();
    for (WalletCoins.TxEffect e : coins.apply(block, keys::owns)) {
      history.finalized(e, block.height(), block.hash(), now);
    }
    history.evicted(ports.inMempool()).forEach(coins::release);
  }

  @Override
  public long balance() {
    return coins.total();
  }

  @Override
  public List<UnspentOutput> coins(long minConf, long maxConf, Set<String> addresses, int limit)
      throws WalletException {
    Set<Address> only = new HashSet<>();
    for (String a : addresses) {
      only.add(raw.address(a));
    }
    long tip = ports.tipHeight().getAsLong();
    Predicate<Utxo> wanted =
        u -> {
          long conf = tip - u.height() + 1;
          return conf >= minConf
              && conf <= maxConf
              && (only.isEmpty() || only.contains(u.address()));
        };
    List<UnspentOutput> out = new ArrayList<>();
    for (Utxo u : coins.list(wanted, limit)) {
      out.add(
          new UnspentOutput(
              u.outPoint().txid().toHex(),
              u.outPoint().index(),
              u.address().toText(context.network()),
              u.amount(),
              u.height(),
              u.coinbase()));
    }
    return out;
  }

  @Override
  public String createRaw(List<RawInput> inputs, Map<String, Long> outputs) throws WalletException {
    return RawTransactions.hex(raw.create(inputs, outputs, ports.clock().wallMillis()));
  }

  @Override
  public TxView decodeRaw(String hex) throws WalletException {
    return raw.view(raw.decode(hex));
  }

  @Override
  public SignedRaw signRaw(String hex) throws WalletException {
    Transaction tx = raw.decode(hex);
    if (tx.isCoinbase()) {
      throw new WalletException(
          WalletException.Kind.INVALID_PARAMETER, "a transaction without inputs cannot be signed");
    }
    List<TxIn> ins = new ArrayList<>(tx.inputs());
    KeyPair[] signers = new KeyPair[ins.size()];
    Map<Address, KeyPair> cache = new HashMap<>();
    for (int i = 0; i < ins.size(); i++) {
      Optional<Utxo> coin = coins.coin(ins.get(i).prev());
      if (coin.isPresent()) {
        KeyPair k = keyFor(coin.get().address(), cache);
        signers[i] = k;
        ins.set(i, TxIn.unsigned(ins.get(i).prev(), k.publicKey()));
      }
    }
    Transaction keyed = tx.withInputs(ins);
    byte[][] messages = SigHash.all(context.chainId(), keyed);
    for (int i = 0; i < ins.size(); i++) {
      if (signers[i] != null) {
        ins.set(i, ins.get(i).withSignature(signers[i].sign(messages[i])));
      }
    }
    Transaction signed = keyed.withInputs(ins);
    boolean complete = TxRules.checkSignatures(signed, context.chainId()).isValid();
    return new SignedRaw(RawTransactions.hex(signed), complete);
  }

  @Override
  public CompletableFuture<SentTransaction> send(
      String address, long amount, Optional<Long> feeRate) {
    try {
      Address to = raw.address(address);
      if (amount < context.params().dustLimit()) {
        throw invalid(
            "amount "
                + Amounts.toTimeString(amount)
                + " TIME is below the dust limit of "
                + context.params().dustLimit()
                + " units");
      }
      FeeSchedule fees = fees(feeRate);
      WalletCoins.Reserved r =
          coins.reserve((avail, total) -> CoinSelector.forPayment(avail, total, amount, fees));
      List<TxOut> outs = new ArrayList<>(2);
      outs.add(new TxOut(amount, to));
      return signAndSubmit(r, outs, null);
    } catch (WalletException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<SentTransaction> merge(
      int minCount, int maxCount, Optional<String> address) {
    try {
      Address to = address.isPresent() ? raw.address(address.get()) : firstAddress();
      FeeSchedule fees = fees(Optional.empty());
      WalletCoins.Reserved r =
          coins.reserve((avail, total) -> CoinSelector.forMerge(avail, minCount, maxCount, fees));
      List<TxOut> outs = new ArrayList<>(1);
      outs.add(new TxOut(r.selection().split().payment(), to));
      return signAndSubmit(r, outs, null);
    } catch (WalletException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Address firstAddress() throws WalletException {
    var all = keys.addresses();
    if (all.isEmpty()) {
      throw invalid("the wallet has no address");
    }
    return all.get(0).address();
  }

  /** The wallet's context: chain id, consensus rules, network, minimum fee rate. */
  WalletContext context() {
    return context;
  }

  FeeSchedule fees(Optional<Long> feeRate) throws WalletException {
    long rate = feeRate.orElse(context.minFeeRate());
    if (rate < context.minFeeRate()) {
      throw invalid(
          "fee_rate "
              + rate
              + " units/byte is below this node's minimum of "
              + context.minFeeRate());
    }
    return new FeeSchedule(context.params(), rate);
  }

  /** A masternode payload a transaction carries (unsigned) and the key that signs it. */
  record PayloadSigning(TxPayload payload, KeyPair signer) {}

  /**
   * Signs the reserved coins over {@code outs} plus the change on the wallet's signing thread,
   * records the transaction and offers it to the mempool; any failure before the mempool has it
   * releases the coins. The caller's thread only chooses the coins. With {@code payload} the
   * transaction is of its version and carries it, signed by its key.
   */
  CompletableFuture<SentTransaction> signAndSubmit(
      WalletCoins.Reserved reserved, List<TxOut> outs, PayloadSigning payload) {
    CompletableFuture<Transaction> signed;
    try {
      signed =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return sign(reserved, outs, payload);
                } catch (WalletException e) {
                  throw new CompletionException(e);
                }
              },
              ports.signer());
    } catch (RejectedExecutionException e) {
      coins.release(reserved.reservation());
      return CompletableFuture.failedFuture(
          new WalletException(
              WalletException.Kind.REJECTED, "the wallet is busy signing other sends; retry"));
    }
    return signed
        .whenComplete(
            (tx, e) -> {
              if (e != null) {
                coins.release(reserved.reservation());
              }
            })
        .thenCompose(tx -> submit(tx, reserved.selection(), outs));
  }

  /**
   * The signed transaction, its signatures checked here and recorded as verified, so the mempool
   * admits it without queueing it behind the transactions relayed to this node.
   */
  private Transaction sign(WalletCoins.Reserved reserved, List<TxOut> outs, PayloadSigning payload)
      throws WalletException {
    CoinSelector.Selection s = reserved.selection();
    Map<Address, KeyPair> cache = new HashMap<>();
    List<KeyPair> signers = new ArrayList<>(s.coins().size());
    for (Utxo u : s.coins()) {
      signers.add(keyFor(u.address(), cache));
    }
    if (s.split().change() > 0) {
      outs.add(new TxOut(s.split().change(), s.coins().get(0).address()));
    }
    List<TxIn> ins = new ArrayList<>(s.coins().size());
    for (int i = 0; i < s.coins().size(); i++) {
      ins.add(TxIn.unsigned(s.coins().get(i).outPoint(), signers.get(i).publicKey()));
    }
    long now = ports.clock().wallMillis();
    Transaction unsigned =
        payload == null
            ? new Transaction(1, ins, outs, 0, now)
            : new Transaction(payload.payload().txVersion(), ins, outs, 0, now, payload.payload());
    Transaction tx = TxSigner.sign(unsigned, context.chainId(), signers);
    if (payload != null) {
      tx = TxSigner.signPayload(tx, context.chainId(), payload.signer());
    }
    if (!TxRules.checkSignatures(tx, context.chainId()).isValid()) {
      throw new IllegalStateException("a signature of the wallet does not verify");
    }
    ports.verified().accept(tx.txid());
    long back = 0;
    for (TxOut o : outs) {
      back += keys.owns(o.address()) ? o.amount() : 0;
    }
    history.pending(
        tx,
        back - s.inputTotal(),
        s.split().fee(),
        reserved.reservation(),
        ports.clock().wallMillis());
    return tx;
  }

  private CompletableFuture<SentTransaction> submit(
      Transaction tx, CoinSelector.Selection s, List<TxOut> outs) {
    Hash32 txid = tx.txid();
    SentTransaction sent =
        new SentTransaction(
            txid.toHex(),
            s.coins().size(),
            outs.get(0).amount(),
            s.split().fee(),
            s.split().change());
    CompletableFuture<Admission> admission;
    try {
      admission = ports.submitter().submit(tx);
    } catch (RuntimeException e) {
      admission = CompletableFuture.failedFuture(e);
    }
    return admission
        .exceptionally(e -> new Admission(false, "submission failed: " + e))
        .thenApply(
            a -> {
              if (a.accepted()) {
                history.admitted(txid);
                return sent;
              }
              history.rejected(txid, a.reason()).ifPresent(coins::release);
              throw new CompletionException(
                  new WalletException(
                      WalletException.Kind.REJECTED,
                      "transaction " + txid.toHex() + " rejected: " + a.reason()));
            });
  }

  /** The wallet's key for {@code a}; fails when the wallet is locked or holds none. */
  KeyPair walletKey(Address a) throws WalletException {
    return keyFor(a, new HashMap<>());
  }

  /** Whether {@code a} is one of the wallet's addresses. */
  boolean owns(Address a) {
    return keys.owns(a);
  }

  private KeyPair keyFor(Address a, Map<Address, KeyPair> cache) throws WalletException {
    KeyPair k = cache.get(a);
    if (k != null) {
      return k;
    }
    try {
      k =
          keys.keyFor(a)
              .orElseThrow(
                  () -> invalid("the wallet holds no key for " + a.toText(context.network())));
    } catch (WalletLockedException e) {
      throw new WalletException(WalletException.Kind.LOCKED, e.getMessage());
    }
    cache.put(a, k);
    return k;
  }

  @Override
  public Optional<WalletTxView> transaction(String txidHex) throws WalletException {
    Hash32 txid = RawTransactions.txid(txidHex);
    return history.get(txid).map(this::view);
  }

  @Override
  public List<WalletTxView> transactions(int count) {
    return history.latest(count).stream().map(this::view).toList();
  }

  private WalletTxView view(WalletTx t) {
    long conf = t.height() < 0 ? 0 : Math.max(0, ports.tipHeight().getAsLong() - t.height() + 1);
    return new WalletTxView(
        t.txid().toHex(),
        t.amount(),
        t.fee(),
        t.state().label(),
        t.height(),
        t.blockHash() == null ? null : t.blockHash().toHex(),
        conf,
        t.reason(),
        t.timeMillis());
  }

  private static WalletException invalid(String message) {
    return new WalletException(WalletException.Kind.INVALID_PARAMETER, message);
  }
}
