package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.TxOut;

/**
 * A masternode's life as an operator lives it, with {@code time-cli} in processes of its own
 * against a devnet of four {@code timed} validator processes (epochs of 20 blocks, an empty block
 * every second): a fifth node joins from the exported chain spec with masternode on and a key in no
 * set; its wallet is paid by a validator's and registers it as Bronze; it is listed PENDING, votes
 * two epochs later, signs certificates and its reward address is paid; stopped, it goes inactive
 * and its pay stops; restarted, it deregisters, leaves at the boundary, and its collateral moves
 * only once it is out of both sets. A fresh full node syncs the whole history. Every coinbase
 * checked is recomputed to the unit from the chain's timestamps, set and heartbeats.
 */
class MasternodeCliIT {
  private static final Duration SHORT = Duration.ofSeconds(120);

  /** Three epochs of 20 one-second blocks, with room for a slow machine. */
  private static final Duration EPOCHS = Duration.ofSeconds(300);

  @TempDir Path dir;
  private ProcessDevnet net;
  private ConsensusParams params;
  private TimedProcess v0;
  private TimedProcess mn;
  private TimeCliProcess cli0;
  private TimeCliProcess cli;
  private String operator;
  private String rewards;
  private String collateralTxid;

  @AfterEach
  void stop() throws InterruptedException {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void aFifthNodeRegistersVotesEarnsGoesInactiveLeavesAndUnlocksItsCollateral() throws Exception {
    int base = DevnetRpcIT.freeRun(16);
    net = new ProcessDevnet(dir, base, 4, Duration.ofSeconds(1));
    v0 = net.startValidators().get(0);
    params = net.genesis().params();
    net.await("the devnet makes blocks", SHORT, () -> v0.height() >= 2);
    mn = net.join(v0, 0, true);
    cli0 = new TimeCliProcess(v0);
    cli = new TimeCliProcess(mn);
    net.await("the fifth node syncs", SHORT, () -> mn.height() >= 2);

    long firstVote = registerAsBronze();
    joinsTheSetAndEarns(firstVote);
    long lastSigned = stopsAndGoesInactive();
    mn.start();
    net.await("the restarted node follows", SHORT, () -> mn.height() > lastSigned + 10);
    long spentAt = deregistersLeavesAndUnlocks();

    TimedProcess fresh = net.join(v0, 1, false);
    long top = v0.height();
    net.await("the fresh node syncs to " + top, EPOCHS, () -> fresh.height() >= top);
    assertThat(top).isGreaterThan(spentAt);
    for (long h = 1; h <= top; h++) {
      assertThat(fresh.blockHash(h)).as("block %d", h).isEqualTo(v0.blockHash(h));
    }
    assertThat(find(new TimeCliProcess(fresh).ok("masternode-list"), operator)).isNull();
    assertThat(new TimeCliProcess(fresh).ok("masternode-list")).hasSize(4);
  }

  /** Funds the fifth node's wallet and registers it; the first height it votes at. */
  private long registerAsBronze() throws Exception {
    JsonNode before = cli.ok("masternode-status");
    assertThat(before.get("enabled").asBoolean()).isTrue();
    assertThat(before.get("registered").asBoolean()).isFalse();
    assertThat(before.get("voting").asBoolean()).isFalse();
    operator = before.get("operator_key").asText();

    String owner = cli.ok("get-new-address", "collateral").asText();
    rewards = cli.ok("get-new-address", "rewards").asText();
    awaitFinal(cli0, cli0.ok("send-to-address", owner, "1100").asText());
    net.awaitAsserted(
        "the payment in the fifth node's wallet",
        SHORT,
        () -> assertThat(cli.ok("get-balance").asLong()).isEqualTo(Amounts.ofTime(1_100)));

    // A tier the wallet cannot fund: a clear refusal, nothing sent.
    assertThat(cli.fails("register-masternode", "silver"))
        .contains("SILVER masternode locks", "insufficient funds");

    JsonNode reg = cli.ok("register-masternode", "bronze", rewards);
    collateralTxid = reg.get("txid").asText();
    assertThat(reg.get("collateral").asText()).isEqualTo(collateralTxid + ":0");
    assertThat(reg.get("operator_key").asText()).isEqualTo(operator);
    awaitFinal(cli, collateralTxid);
    net.await(
        "the registration listed", SHORT, () -> find(cli.ok("masternode-list"), operator) != null);
    JsonNode listed = find(cli.ok("masternode-list"), operator);
    // PENDING until the next boundary computes the set it enters; in that set's epoch ACTIVE_SET.
    assertThat(listed.get("status").asText()).isIn("PENDING", "ACTIVE_SET");
    assertThat(listed.get("in_current_set").asBoolean()).isFalse();
    assertThat(listed.get("tier").asText()).isEqualTo("bronze");
    assertThat(listed.get("voting_power").asLong()).isEqualTo(1);
    assertThat(listed.get("owner").asText()).isEqualTo(owner);
    assertThat(listed.get("reward_address").asText()).isEqualTo(rewards);
    assertThat(listed.get("collateral").asText()).isEqualTo(collateralTxid + ":0");

    long e = params.epochBlocks();
    long joinEpoch = (listed.get("registered_height").asLong() - 1) / e + 2;
    JsonNode status = cli.ok("masternode-status");
    assertThat(status.get("registered").asBoolean()).isTrue();
    assertThat(status.get("voting").asBoolean()).isFalse();
    assertThat(status.get("votes_from_epoch").asLong()).isEqualTo(joinEpoch);

    // Somebody else's collateral: the validator's wallet cannot deregister it.
    assertThat(cli0.fails("deregister-masternode", collateralTxid))
        .contains("not an address of this wallet");
    return joinEpoch * e + 1;
  }

  /** In the set from {@code firstVote}: it votes, signs certificates and is paid to the unit. */
  private void joinsTheSetAndEarns(long firstVote) throws Exception {
    net.await(
        "the fifth node votes",
        EPOCHS,
        () -> cli.ok("masternode-status").get("voting").asBoolean());
    JsonNode inSet = find(cli0.ok("masternode-list"), operator);
    assertThat(inSet.get("status").asText()).isEqualTo("ACTIVE_SET");
    assertThat(inSet.get("in_current_set").asBoolean()).isTrue();
    assertThat(inSet.get("entered_height").asLong()).isEqualTo(firstVote);

    net.await(
        "its signatures in certificates",
        SHORT,
        () -> cli.ok("get-heartbeat-history", operator, 20).get("signed_count").asInt() >= 3);
    JsonNode heartbeat = cli0.ok("get-heartbeat-history", operator, 1000);
    assertThat(heartbeat.get("from_height").asLong()).isEqualTo(firstVote);
    net.await("its reward address paid", SHORT, () -> cli.ok("get-balance", rewards).asLong() > 0);

    long to = v0.height() - 1;
    List<Long> paidIt = checkCoinbases(firstVote + 1, to);
    assertThat(paidIt).as("coinbases of %d..%d paying %s", firstVote + 1, to, rewards).isNotEmpty();
  }

  /** Stopped, it goes inactive and coinbases stop paying it; its last signed height. */
  private long stopsAndGoesInactive() throws Exception {
    mn.close();
    net.await(
        "it goes inactive",
        SHORT,
        () -> !find(cli0.ok("masternode-list"), operator).get("active").asBoolean());
    JsonNode stats = find(cli0.ok("get-attestation-stats"), operator);
    long lastSigned = stats.get("last_signed_height").asLong();
    assertThat(stats.get("missed").asLong()).isGreaterThanOrEqualTo(params.inactivityBlocks());
    assertThat(stats.get("signed").asLong()).isPositive();
    long firstInactive = lastSigned + params.inactivityBlocks() + 1;
    net.await("blocks while it is inactive", SHORT, () -> v0.height() >= firstInactive + 4);
    assertThat(checkCoinbases(firstInactive, firstInactive + 3))
        .as("paid while inactive")
        .isEmpty();
    return lastSigned;
  }

  /** Deregisters, leaves at the boundary, then spends its collateral; the spend's height. */
  private long deregistersLeavesAndUnlocks() throws Exception {
    JsonNode dereg = cli.ok("deregister-masternode", collateralTxid);
    assertThat(dereg.get("collateral").asText()).isEqualTo(collateralTxid + ":0");
    awaitFinal(cli, dereg.get("txid").asText());
    net.await(
        "it is listed LEAVING",
        SHORT,
        () -> "LEAVING".equals(find(cli0.ok("masternode-list"), operator).get("status").asText()));
    long leaving = find(cli0.ok("masternode-list"), operator).get("leaving_height").asLong();
    long e = params.epochBlocks();
    long leftAt = ((leaving - 1) / e + 2) * e + 1;

    // Paying more than the wallet holds besides the collateral needs the collateral: locked.
    String back = cli0.ok("get-new-address", "returned").asText();
    assertThat(cli.fails("send-to-address", back, "1050")).contains("insufficient funds");

    net.await("the boundary it leaves at", EPOCHS, () -> v0.height() >= leftAt + 1);
    assertThat(find(cli0.ok("masternode-list"), operator).get("in_current_set").asBoolean())
        .isFalse();
    net.await(
        "it stops voting", SHORT, () -> !cli.ok("masternode-status").get("voting").asBoolean());
    String[] spend = new String[1];
    net.awaitAsserted(
        "its collateral spendable",
        SHORT,
        () -> {
          TimeCliProcess.Run r = cli.run("send-to-address", back, "1050");
          assertThat(r.code()).as(r.err()).isZero();
          spend[0] = r.json().asText();
        });
    awaitFinal(cli, spend[0]);
    long spentAt = cli.ok("get-transaction", spend[0]).get("blockheight").asLong();
    assertThat(spentAt).isGreaterThanOrEqualTo(leftAt);
    assertThat(spendsCollateral(cli0.ok("get-block", spentAt, 2), spend[0])).isTrue();
    net.await(
        "the record gone with its collateral",
        SHORT,
        () -> find(cli0.ok("masternode-list"), operator) == null);
    return spentAt;
  }

  /**
   * Recomputes the coinbase of every fee-free block in [from, to] and compares it with what {@code
   * getblock} shows; the heights whose coinbase paid the masternode's reward address.
   */
  private List<Long> checkCoinbases(long from, long to) throws Exception {
    JsonNode list = cli0.ok("masternode-list");
    Map<String, JsonNode> heartbeats = new HashMap<>();
    for (JsonNode m : list) {
      String key = m.get("operator_key").asText();
      heartbeats.put(key, cli0.ok("get-heartbeat-history", key, 1000));
    }
    CoinbaseCheck check = new CoinbaseCheck(params, list, heartbeats);
    List<Long> paidIt = new ArrayList<>();
    int checked = 0;
    for (long h = from; h <= to; h++) {
      JsonNode block = cli0.ok("get-block", h, 2);
      if (block.get("nTx").asInt() != 1) {
        continue;
      }
      List<TxOut> paid = CoinbaseCheck.paid(block);
      List<TxOut> expected = check.expected(block, cli0.ok("get-block", h - 1));
      assertThat(paid).as("coinbase of %d", h).isEqualTo(expected);
      checked++;
      if (block.get("tx").get(0).toString().contains(rewards)) {
        paidIt.add(h);
      }
    }
    assertThat(checked).as("fee-free blocks in %d..%d", from, to).isPositive();
    return paidIt;
  }

  private boolean spendsCollateral(JsonNode block, String txid) {
    for (JsonNode tx : block.get("tx")) {
      if (tx.get("txid").asText().equals(txid)) {
        for (JsonNode in : tx.get("vin")) {
          if (in.get("vout").asInt() == 0 && in.get("txid").asText().equals(collateralTxid)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void awaitFinal(TimeCliProcess cli, String txid) throws Exception {
    JsonNode f = cli.ok("wait-transaction-finality", txid, 60);
    assertThat(f.get("finalized").asBoolean()).as("finality of %s", txid).isTrue();
  }

  static JsonNode find(JsonNode list, String operatorKey) {
    for (JsonNode m : list) {
      if (m.get("operator_key").asText().equals(operatorKey)) {
        return m;
      }
    }
    return null;
  }
}
