package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timecoin.node.wallet.Coins.ALICE;
import static org.timecoin.node.wallet.Coins.ALICE_ADDR;
import static org.timecoin.node.wallet.Coins.BOB_ADDR;
import static org.timecoin.node.wallet.Coins.CHAIN;
import static org.timecoin.node.wallet.Coins.block;
import static org.timecoin.node.wallet.Coins.funding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.validation.TxRules;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService.RawInput;
import org.timecoin.node.api.WalletService.SentTransaction;

class WalletSpenderTest {
  static final long TIME = Amounts.UNITS_PER_TIME;

  final MemoryKeyRing keys = new MemoryKeyRing(ALICE);
  final WalletCoins coins = new WalletCoins();
  final WalletHistory history = new WalletHistory(100);
  final List<Transaction> submitted = new ArrayList<>();
  final Set<Hash32> mempool = java.util.concurrent.ConcurrentHashMap.newKeySet();
  final Set<Hash32> verified = java.util.concurrent.ConcurrentHashMap.newKeySet();
  WalletSpender.Admission answer = new WalletSpender.Admission(true, null);
  long height = 1;

  final WalletSpender wallet =
      new WalletSpender(
          keys,
          coins,
          history,
          new WalletContext(CHAIN, ConsensusParams.defaults(), Network.TESTNET, 1),
          new WalletSpender.WalletPorts(
              tx -> {
                synchronized (submitted) {
                  submitted.add(tx);
                }
                if (answer.accepted()) {
                  mempool.add(tx.txid());
                }
                return CompletableFuture.completedFuture(answer);
              },
              mempool::contains,
              verified::add,
              Runnable::run,
              () -> height,
              Clock.SYSTEM));

  Transaction fund(long... amounts) {
    List<TxOut> outs = new ArrayList<>();
    for (long a : amounts) {
      outs.add(new TxOut(a, ALICE_ADDR));
    }
    Transaction f = funding(height, outs.toArray(TxOut[]::new));
    store(f);
    return f;
  }

  void store(Transaction... txs) {
    height++;
    wallet.onBlockStored(block(height, txs), null);
  }

  static WalletException failure(CompletableFuture<?> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WalletException w) {
        return w;
      }
      throw e;
    }
    throw new AssertionError("expected a failure");
  }

  static String bob() {
    return BOB_ADDR.toText(Network.TESTNET);
  }

  @Test
  void aSendIsSignedSubmittedAndFollowedToFinality() throws Exception {
    fund(10 * TIME);
    SentTransaction sent = wallet.send(bob(), 3 * TIME, Optional.empty()).join();
    Transaction tx = submitted.get(0);
    assertThat(sent.txid()).isEqualTo(tx.txid().toHex());
    assertThat(TxRules.checkSignatures(tx, CHAIN).isValid()).isTrue();
    assertThat(verified).containsExactly(tx.txid());
    assertThat(tx.outputs().get(0)).isEqualTo(new TxOut(3 * TIME, BOB_ADDR));
    assertThat(tx.outputs().get(1).address()).isEqualTo(ALICE_ADDR);
    assertThat(tx.outputs().get(1).amount()).isEqualTo(sent.change());
    assertThat(3 * TIME + sent.change() + sent.fee()).isEqualTo(10 * TIME);
    assertThat(wallet.transaction(sent.txid()).orElseThrow().state()).isEqualTo("mempool");
    assertThat(coins.availableTotal()).isZero();

    store(tx);
    var view = wallet.transaction(sent.txid()).orElseThrow();
    assertThat(view.state()).isEqualTo("final");
    assertThat(view.blockHeight()).isEqualTo(height);
    assertThat(view.confirmations()).isEqualTo(1);
    assertThat(view.amount()).isEqualTo(-(3 * TIME + sent.fee()));
    assertThat(view.fee()).isEqualTo(sent.fee());
    assertThat(wallet.balance()).isEqualTo(sent.change());
    assertThat(coins.availableTotal()).isEqualTo(sent.change());
  }

  @Test
  void aRejectedSendReleasesItsCoinsAndSaysWhy() {
    fund(10 * TIME);
    answer = new WalletSpender.Admission(false, "fee-too-low: below this node's rate");
    WalletException e = failure(wallet.send(bob(), TIME, Optional.empty()));
    assertThat(e.kind()).isEqualTo(WalletException.Kind.REJECTED);
    assertThat(e.getMessage()).contains("fee-too-low");
    assertThat(coins.availableTotal()).isEqualTo(10 * TIME);
    assertThat(wallet.transactions(1))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.state()).isEqualTo("rejected");
              assertThat(t.reason()).contains("fee-too-low");
            });
  }

  @Test
  void anEvictedSendReleasesItsCoinsAtTheNextBlock() throws Exception {
    fund(10 * TIME);
    SentTransaction sent = wallet.send(bob(), TIME, Optional.empty()).join();
    mempool.clear();
    store(funding(99, new TxOut(1_000, BOB_ADDR)));
    assertThat(wallet.transaction(sent.txid()).orElseThrow().state()).isEqualTo("rejected");
    assertThat(coins.availableTotal()).isEqualTo(10 * TIME);
  }

  @Test
  void aLockedWalletRefusesToSendAndKeepsItsCoins() {
    fund(10 * TIME);
    keys.lock(true);
    WalletException e = failure(wallet.send(bob(), TIME, Optional.empty()));
    assertThat(e.kind()).isEqualTo(WalletException.Kind.LOCKED);
    assertThat(e.getMessage()).contains("walletpassphrase");
    assertThat(coins.availableTotal()).isEqualTo(10 * TIME);
    assertThat(submitted).isEmpty();
  }

  @Test
  void aSendAboveTheBalanceFailsWithTheFigures() {
    fund(2 * TIME);
    WalletException e = failure(wallet.send(bob(), 5 * TIME, Optional.empty()));
    assertThat(e.kind()).isEqualTo(WalletException.Kind.INSUFFICIENT_FUNDS);
    assertThat(e.getMessage()).contains("available 2 TIME").contains("needed 5.005 TIME");
  }

  @Test
  void badAddressesAreRefused() {
    fund(2 * TIME);
    String mainnet = BOB_ADDR.toText(Network.MAINNET);
    assertThat(failure(wallet.send(mainnet, TIME, Optional.empty())).kind())
        .isEqualTo(WalletException.Kind.INVALID_ADDRESS);
    String text = bob();
    char last = text.charAt(text.length() - 1);
    String badChecksum = text.substring(0, text.length() - 1) + (last == '2' ? '3' : '2');
    WalletException e = failure(wallet.send(badChecksum, TIME, Optional.empty()));
    assertThat(e.kind()).isEqualTo(WalletException.Kind.INVALID_ADDRESS);
    assertThat(e.getMessage()).startsWith("invalid address");
  }

  @Test
  void dustAmountsAndLowFeeRatesAreRefused() {
    fund(2 * TIME);
    assertThat(failure(wallet.send(bob(), 545, Optional.empty())).getMessage())
        .contains("below the dust limit");
    WalletSpender strict =
        new WalletSpender(
            keys,
            coins,
            history,
            new WalletContext(CHAIN, ConsensusParams.defaults(), Network.TESTNET, 5),
            new WalletSpender.WalletPorts(
                tx -> CompletableFuture.completedFuture(answer),
                h -> true,
                h -> {},
                Runnable::run,
                () -> height,
                Clock.SYSTEM));
    assertThat(failure(strict.send(bob(), TIME, Optional.of(4L))).getMessage())
        .contains("below this node's minimum of 5");
    assertThat(strict.send(bob(), TIME, Optional.of(50L)).join().fee())
        .isGreaterThanOrEqualTo(50L * FeeSchedule.size(1, 2));
  }

  @Test
  void aSendRefusedByABusySignerKeepsItsCoins() {
    fund(10 * TIME);
    WalletSpender busy =
        new WalletSpender(
            keys,
            coins,
            history,
            new WalletContext(CHAIN, ConsensusParams.defaults(), Network.TESTNET, 1),
            new WalletSpender.WalletPorts(
                tx -> CompletableFuture.completedFuture(answer),
                h -> true,
                h -> {},
                r -> {
                  throw new java.util.concurrent.RejectedExecutionException("full");
                },
                () -> height,
                Clock.SYSTEM));
    assertThat(failure(busy.send(bob(), TIME, Optional.empty())).getMessage()).contains("busy");
    assertThat(coins.availableTotal()).isEqualTo(10 * TIME);
  }

  @Test
  void twoConcurrentSendsOfTheOnlyCoinDoNotBothSpendIt() {
    fund(10 * TIME);
    var a =
        CompletableFuture.supplyAsync(() -> wallet.send(bob(), 6 * TIME, Optional.empty()))
            .thenCompose(f -> f.handle((s, e) -> e == null));
    var b =
        CompletableFuture.supplyAsync(() -> wallet.send(bob(), 6 * TIME, Optional.empty()))
            .thenCompose(f -> f.handle((s, e) -> e == null));
    assertThat(List.of(a.join(), b.join())).containsExactlyInAnyOrder(true, false);
    assertThat(submitted).hasSize(1);
  }

  @Test
  void mergeSweepsTheSmallestCoinsIntoOneOutput() throws Exception {
    long[] small = new long[50];
    java.util.Arrays.fill(small, TIME);
    fund(small);
    fund(100 * TIME);
    SentTransaction sent = wallet.merge(10, 50, Optional.empty()).join();
    Transaction tx = submitted.get(0);
    assertThat(tx.inputs()).hasSize(50);
    assertThat(tx.outputs())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.address()).isEqualTo(ALICE_ADDR);
              assertThat(o.amount()).isEqualTo(50 * TIME - sent.fee());
            });
    store(tx);
    assertThat(coins.size()).isEqualTo(2);
    assertThat(wallet.transaction(sent.txid()).orElseThrow().amount()).isEqualTo(-sent.fee());
    assertThat(failure(wallet.merge(3, 50, Optional.empty())).getMessage())
        .contains("fewer than min_count 3");
  }

  @Test
  void rawTransactionsAreCreatedSignedAndDecoded() throws Exception {
    Transaction f = fund(5 * TIME);
    Map<String, Long> outs = new LinkedHashMap<>();
    outs.put(bob(), 4 * TIME);
    String hex = wallet.createRaw(List.of(new RawInput(f.txid().toHex(), 0)), outs);
    var decoded = wallet.decodeRaw(hex);
    assertThat(decoded.inputs().get(0).pubKey()).isEqualTo("00".repeat(32));
    assertThat(decoded.outputs().get(0).address()).isEqualTo(bob());

    var signed = wallet.signRaw(hex);
    assertThat(signed.complete()).isTrue();
    Transaction tx = Transaction.CODEC.decode(java.util.HexFormat.of().parseHex(signed.hex()));
    assertThat(tx.inputs().get(0).pubKey()).isEqualTo(ALICE.publicKey());

    String foreign =
        wallet.createRaw(
            List.of(new RawInput(f.txid().toHex(), 0), new RawInput("ab".repeat(32), 1)), outs);
    assertThat(wallet.signRaw(foreign).complete()).isFalse();
  }

  @Test
  void malformedRawTransactionsAreRefused() {
    assertThatThrownBy(() -> wallet.decodeRaw("zz"))
        .isInstanceOfSatisfying(
            WalletException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletException.Kind.DECODE_FAILED));
    assertThatThrownBy(() -> wallet.signRaw("0102"))
        .isInstanceOfSatisfying(
            WalletException.class,
            e -> assertThat(e.kind()).isEqualTo(WalletException.Kind.DECODE_FAILED));
    assertThatThrownBy(() -> wallet.createRaw(List.of(new RawInput("xy", 0)), Map.of(bob(), 1L)))
        .hasMessageContaining("txid must be 64 hex");
    assertThatThrownBy(
            () -> wallet.createRaw(List.of(new RawInput("ab".repeat(32), 0)), Map.of("TIME0x", 1L)))
        .hasMessageContaining("invalid address");
  }

  @Test
  void listingFiltersByConfirmationsAndAddress() throws Exception {
    fund(TIME);
    fund(2 * TIME);
    assertThat(wallet.coins(1, 9_999_999, Set.of(), 100)).hasSize(2);
    assertThat(wallet.coins(2, 9_999_999, Set.of(), 100)).hasSize(1);
    assertThat(wallet.coins(1, 1, Set.of(), 100))
        .singleElement()
        .satisfies(u -> assertThat(u.amount()).isEqualTo(2 * TIME));
    assertThat(wallet.coins(1, 99, Set.of(bob()), 100)).isEmpty();
    assertThatThrownBy(() -> wallet.coins(1, 99, Set.of("nope"), 100))
        .isInstanceOf(WalletException.class);
  }

  @Test
  void aPaymentInShowsInTheHistory() throws Exception {
    Transaction f = fund(3 * TIME);
    var t = wallet.transaction(f.txid().toHex()).orElseThrow();
    assertThat(t.amount()).isEqualTo(3 * TIME);
    assertThat(t.state()).isEqualTo("final");
    assertThat(wallet.transaction("cd".repeat(32))).isEmpty();
  }

  @Test
  void coinsOfTheWalletAreLoadedFromAScan() {
    Address a = ALICE_ADDR;
    wallet.load(
        addr ->
            addr.equals(a)
                ? java.util.stream.Stream.of(Coins.coin(1, TIME, a), Coins.coin(2, TIME, a))
                : java.util.stream.Stream.empty());
    assertThat(wallet.balance()).isEqualTo(2 * TIME);
  }
}
