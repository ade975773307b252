package org.timecoin.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.node.TimeNode;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.config.DevnetLayout;
import org.timecoin.node.masternode.Masternodes;
import org.timecoin.node.mempool.AdmitResult;

/**
 * A masternode's life on a devnet of real nodes over TCP (epochs of {@value
 * DevnetLayout#EPOCH_BLOCKS} blocks): four genesis validators and a fifth node with masternode on
 * whose key is in no set. A genesis-funded owner registers it as Bronze; it enters the set two
 * epochs after the registration's epoch, with no restart, and its signatures appear in the
 * certificates from that height on and never before. Its collateral cannot be spent while it is in
 * the current or next set; it deregisters, stops voting at the boundary, and its collateral is
 * spendable once it is out of both sets. A fresh full node then syncs the whole history, checking
 * every certificate with the set of its height.
 */
class MasternodeLifecycleIT {
  static final long FEE = Amounts.ofTime(2);
  static final long E = DevnetLayout.EPOCH_BLOCKS;

  @TempDir Path dir;
  LocalDevnet net;
  final KeyPair owner = KeyPair.fromSeed(Sha256.digest("collateral owner".getBytes()));
  final Address ownerAddress = Address.fromPublicKey(owner.publicKey());

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void aRegisteredMasternodeJoinsAtItsEpochSignsThenLeavesAndItsCollateralUnlocks()
      throws Exception {
    int base = Ports.freeRun(2 * 6 + 6);
    net =
        LocalDevnet.create(
            dir,
            4,
            base,
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            List.of(
                new TxOut(Amounts.ofTime(1_100), ownerAddress),
                new TxOut(Amounts.ofTime(10), ownerAddress)),
            Clock.SYSTEM);
    int joiner = net.addMasternode(base + 12, base + 13);
    net.startAll();
    KeyPair operator = net.nodeKey(joiner);
    PublicKey op = operator.publicKey();
    TimeNode v0 = net.node(0);
    TimeNode mn = net.node(joiner);
    Hash32 chainId = v0.chain().chainId();
    awaitAll("the devnet makes blocks", n -> n.chain().height() >= 2);
    assertThat(mn.consensus().status().validator()).as("not in the genesis set").isFalse();

    // Registration: collateral output 0 to the owner, signed by the owner and the operator.
    List<Utxo> coins = coinsOf(v0.chain(), ownerAddress);
    Utxo funds = coins.get(1); // 1,100 TIME
    Transaction registration =
        new TxBuilder()
            .input(funds.outPoint(), owner)
            .output(Tier.BRONZE.collateral(), ownerAddress)
            .output(funds.amount() - Tier.BRONZE.collateral() - FEE, ownerAddress)
            .registration(Tier.BRONZE, operator, ownerAddress, "127.0.0.1:" + (base + 12))
            .sign(chainId);
    OutPoint collateral = registration.outPoint(0);
    assertThat(v0.mempool().submit(registration).join().admitted()).isTrue();
    long registered = finalHeight(v0, registration.txid());
    Masternodes view = new Masternodes(v0.chain());
    assertThat(view.recordByCollateral(collateral).map(MasternodeRecord::operatorKey)).contains(op);

    long firstVote = view.firstHeight(view.epochOf(registered) + 2);
    awaitAll("the chain reaches the joiner's epoch", n -> n.chain().height() >= firstVote + 3);
    assertThat(v0.chain().validatorsAt(firstVote).contains(op)).isTrue();
    assertThat(v0.chain().validatorsAt(firstVote - 1).contains(op)).isFalse();
    for (long h = 1; h < firstVote; h++) {
      assertThat(signers(view, h)).as("certificate of %d, before it joined", h).doesNotContain(op);
    }
    awaitTrue(
        "the joiner's signature in a certificate",
        () -> anySignedBy(view, op, firstVote, v0.chain().height()));
    awaitTrue("the joiner votes", () -> mn.consensus().status().validator());

    // While it votes (or will), its collateral is locked.
    Transaction spend =
        new TxBuilder()
            .input(collateral, owner)
            .output(Tier.BRONZE.collateral() - FEE, ownerAddress)
            .sign(chainId);
    AdmitResult locked = v0.mempool().submit(spend).join();
    assertThat(locked.admitted()).isFalse();
    assertThat(locked.code()).isEqualTo("collateral-locked");

    // Deregistration by the owner, fee from its other coin.
    Utxo feeCoin = coins.get(0); // 10 TIME
    Transaction deregistration =
        new TxBuilder()
            .input(feeCoin.outPoint(), owner)
            .output(feeCoin.amount() - FEE, ownerAddress)
            .deregistration(collateral, owner)
            .sign(chainId);
    assertThat(v0.mempool().submit(deregistration).join().admitted()).isTrue();
    long deregistered = finalHeight(v0, deregistration.txid());
    assertThat(view.record(op).map(MasternodeRecord::status))
        .contains(MasternodeRecord.Status.LEAVING);
    long leftAt = view.firstHeight(view.epochOf(deregistered) + 2);
    AdmitResult stillLocked = v0.mempool().submit(spend).join();
    assertThat(stillLocked.code()).as("%s", stillLocked).isEqualTo("collateral-locked");

    awaitAll("the chain passes the boundary it leaves at", n -> n.chain().height() >= leftAt + 3);
    assertThat(v0.chain().validatorsAt(leftAt - 1).contains(op)).isTrue();
    assertThat(v0.chain().validatorsAt(leftAt).contains(op)).isFalse();
    for (long h = leftAt; h <= v0.chain().height(); h++) {
      assertThat(signers(view, h)).as("certificate of %d, after it left", h).doesNotContain(op);
    }
    awaitTrue(
        "the leaver follows without voting",
        () -> mn.consensus().status().height() > leftAt && !mn.consensus().status().validator());

    // Out of both the current and the next set: the collateral is the owner's again.
    AdmitResult unlocked = v0.mempool().submit(spend).join();
    assertThat(unlocked.admitted()).as("%s", unlocked).isTrue();
    long spent = finalHeight(v0, spend.txid());
    assertThat(view.record(op)).isEmpty();
    assertThat(view.recordByCollateral(collateral)).isEmpty();

    int fresh = net.addFullNode(base + 14, base + 15);
    TimeNode full = net.start(fresh);
    awaitTrue("the fresh node syncs past the spend", () -> full.chain().height() >= spent + 1);
    long top = full.chain().height();
    for (long h = 1; h <= top; h++) {
      Block b = full.chain().store().blocks().blockAt(h).orElseThrow();
      CommitCertificate c = full.chain().store().blocks().certificateAt(h).orElseThrow();
      assertThat(full.chain().validatorsAt(h))
          .as("set of %d", h)
          .isEqualTo(v0.chain().validatorsAt(h));
      assertThat(c.verifyFor(b.header(), full.chain().validatorsAt(h)).isValid())
          .as("certificate of %d", h)
          .isTrue();
    }
    assertThat(full.chain().registry().byOperatorKey(op)).isEmpty();
  }

  static List<Utxo> coinsOf(LocalChain chain, Address address) {
    try (Stream<Utxo> all = chain.store().utxos().streamUtxos(address)) {
      return all.sorted(Comparator.comparingLong(Utxo::amount)).toList();
    }
  }

  static List<PublicKey> signers(Masternodes view, long height) {
    return view.signersOf(height).orElseThrow();
  }

  static boolean anySignedBy(Masternodes view, PublicKey key, long from, long to) {
    for (long h = from; h <= to; h++) {
      if (view.signersOf(h).orElse(List.of()).contains(key)) {
        return true;
      }
    }
    return false;
  }

  /** The height of the block that holds {@code txid}, once it is final. */
  long finalHeight(TimeNode node, Hash32 txid) {
    awaitTrue(
        "transaction " + txid + " final",
        () -> node.chain().store().blocks().txLocation(txid).isPresent());
    return node.chain().store().blocks().txLocation(txid).orElseThrow().height();
  }

  void awaitAll(String what, java.util.function.Predicate<TimeNode> condition) {
    awaitTrue(what, () -> net.running().stream().allMatch(condition));
  }

  void awaitTrue(String what, BooleanSupplier condition) {
    try {
      await().atMost(Duration.ofSeconds(120)).until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + ":" + net.describe(), e);
    }
  }
}
