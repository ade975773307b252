package org.timecoin.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.TimeNode;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.node.devnet.Ports;
import org.timecoin.node.mempool.Mempool.AdmissionCost;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.TxBatch;
import org.timecoin.testkit.net.HostilePeer;

/**
 * Two validators on 127.0.0.1 and an attacker that relays transactions built to be expensive: 7,500
 * inputs naming outputs of a large block (the genesis), and transactions with invalid signatures at
 * the per-peer limit. Admission must stay cheap (no block read, no signature checked for a
 * transaction whose inputs fail), the validators must keep finalizing, and the attacker, only the
 * attacker, must be banned.
 */
class TransactionFloodIT {
  /** The devnet's P2P magic ("TIM0", testnet). */
  static final long TESTNET_MAGIC = 0x54494D30L;

  static final int LARGE = 7_500;
  static final KeyPair OWNER = KeyPair.fromSeed(Sha256.digest("flood test owner".getBytes()));
  static final Address OWNER_ADDR = Address.fromPublicKey(OWNER.publicKey());
  static final KeyPair ATTACKER = KeyPair.fromSeed(Sha256.digest("flood test attacker".getBytes()));
  static final Address ATTACKER_ADDR = Address.fromPublicKey(ATTACKER.publicKey());

  /** The attacker's address: loopback, but not the validators' 127.0.0.1. */
  static final String ATTACKER_IP = "127.0.0.66";

  @TempDir Path dir;
  LocalDevnet net;
  Transaction genesisTx;
  HostilePeer attacker;

  @AfterEach
  void stop() throws IOException {
    if (attacker != null) {
      attacker.close();
    }
    if (net != null) {
      net.close();
    }
  }

  /** Two validators whose genesis pays {@link #LARGE} outputs to {@link #OWNER}. */
  void startDevnet(int peerMessagesPerSecond) throws Exception {
    List<TxOut> large = new ArrayList<>(LARGE);
    for (int i = 0; i < LARGE; i++) {
      large.add(new TxOut(Amounts.ofTime(1), OWNER_ADDR));
    }
    int base = Ports.freeRun(8);
    net =
        LocalDevnet.create(
            dir, 2, base, Duration.ofMillis(100), Duration.ofMillis(300), large, Clock.SYSTEM);
    net.rewriteConfig(
        0, c -> c.withSecurity(c.security().withPeerMessagesPerSecond(peerMessagesPerSecond)));
    genesisTx = net.genesis().genesisTransaction();
    net.startAll();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                net.running().stream().allMatch(n -> n.chain().height() >= 2)
                    && connected(net.node(0), net.node(1)));
  }

  static boolean connected(TimeNode a, TimeNode b) {
    return a.network().peers().stream().anyMatch(p -> p.nodeKey().equals(b.key().publicKey()));
  }

  HostilePeer attack(TimeNode target) throws IOException {
    attacker =
        HostilePeer.connect(
            (InetSocketAddress) target.network().localAddress(),
            InetAddress.getByName(ATTACKER_IP));
    attacker.handshake(TESTNET_MAGIC, net.genesis().hash(), ATTACKER, target.chain().height());
    attacker.startReading(true);
    await().atMost(Duration.ofSeconds(10)).until(() -> target.network().peers().size() == 2);
    return attacker;
  }

  OutPoint genesisOutput(int i) {
    return genesisTx.outPoint(i);
  }

  /** Spends the genesis outputs {@code from..from+count} of the owner, with blank signatures. */
  Transaction unsigned(OutPoint first, int from, int count, long stamp) {
    List<TxIn> inputs = new ArrayList<>(count);
    if (first != null) {
      inputs.add(TxIn.unsigned(first, OWNER.publicKey()));
    }
    for (int i = from; inputs.size() < count; i++) {
      inputs.add(TxIn.unsigned(genesisOutput(i), OWNER.publicKey()));
    }
    // half of one input: amounts and fee are right, so only the signatures are wrong
    TxOut pay = new TxOut(Amounts.ofTime(1) / 2, ATTACKER_ADDR);
    return new Transaction(1, inputs, List.of(pay), 0, stamp);
  }

  /** Sends one batch per transaction until the node hangs up; how many were sent. */
  int sendUntilBanned(List<Transaction> txs, int perBatch) {
    int sent = 0;
    try {
      for (int i = 0; i < txs.size(); i += perBatch) {
        List<Transaction> batch = txs.subList(i, Math.min(txs.size(), i + perBatch));
        attacker.send(NodeMessages.TXS, new TxBatch(batch));
        sent += batch.size();
      }
    } catch (IOException e) {
      // the node closed the connection: banned
    }
    return sent;
  }

  static AdmissionCost costSince(TimeNode n, AdmissionCost before) {
    AdmissionCost now = n.mempool().admissionCost();
    return new AdmissionCost(
        now.inputsLookedUp() - before.inputsLookedUp(),
        now.spentProbes() - before.spentProbes(),
        now.signatureChecks() - before.signatureChecks());
  }

  void assertOnlyTheAttackerWasBannedAndFinalizingGoesOn(TimeNode victim) throws IOException {
    assertThat(attacker.awaitClosedByNode(Duration.ofSeconds(30))).as("attacker banned").isTrue();
    assertThat(victim.network().metrics().bansImposed()).isEqualTo(1);
    TimeNode honest = net.node(1);
    assertThat(connected(victim, honest)).as("the honest validator stays connected").isTrue();
    assertThat(honest.network().metrics().bansImposed()).isZero();
    long height = victim.chain().height();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> net.running().stream().allMatch(n -> n.chain().height() >= height + 3));
    assertThat(connected(victim, honest)).isTrue();
  }

  @Test
  void largeTransactionsWhoseFirstInputIsSpentCostOneSmallLookupEachAndBanTheirSender()
      throws Exception {
    startDevnet(20_000);
    TimeNode victim = net.node(0);
    attack(victim);
    // First input: an output the large block's transaction never had (gone for good), then
    // 7,499 real, unspent outputs of the same block.
    OutPoint gone = genesisOutput(1_000_000);
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Transaction tx = unsigned(gone, 2, LARGE, i);
      assertThat(tx.encodedSize()).isGreaterThan(900_000);
      txs.add(tx);
    }
    AdmissionCost before = victim.mempool().admissionCost();
    long blocksRead = victim.chain().store().blocks().blocksRead();

    int sent = sendUntilBanned(txs, 1);

    assertOnlyTheAttackerWasBannedAndFinalizingGoesOn(victim);
    AdmissionCost cost = costSince(victim, before);
    assertThat(cost.signatureChecks()).as("no signature checked").isZero();
    assertThat(cost.spentProbes()).isPositive().isLessThanOrEqualTo(sent);
    assertThat(cost.inputsLookedUp()).isLessThanOrEqualTo(32L * sent);
    // the state check may read a block or two meanwhile; admission read none (7,500 a tx before)
    assertThat(victim.chain().store().blocks().blocksRead() - blocksRead).isLessThan(5);
    assertThat(victim.mempool().size()).isZero();
  }

  @Test
  void invalidSignaturesAtThePerPeerLimitBanTheirSenderAfterAFewChecks() throws Exception {
    int limit = 500;
    startDevnet(limit);
    TimeNode victim = net.node(0);
    attack(victim);
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < 4 * limit; i++) {
      txs.add(unsigned(null, 2 + i, 1, i)); // the owner's outputs, signatures of zeros
    }
    AdmissionCost before = victim.mempool().admissionCost();

    int sent = sendUntilBanned(txs, limit);

    assertOnlyTheAttackerWasBannedAndFinalizingGoesOn(victim);
    AdmissionCost cost = costSince(victim, before);
    // once one failed, the rest of the batch is dropped unverified: a few checks in parallel at
    // most, not the batch
    assertThat(cost.signatureChecks()).isPositive().isLessThan(limit / 10);
    assertThat(sent).isGreaterThanOrEqualTo(limit);
    assertThat(victim.mempool().size()).isZero();
    assertThat(victim.transactions().transactionsBlamed()).isPositive();
  }
}
