package org.timecoin.rpc.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.TimeNode;
import org.timecoin.node.devnet.LocalDevnet;
import org.timecoin.rpc.cli.RpcClient;
import org.timecoin.rpc.cli.RpcCredentials;

/**
 * A fifth node of an in-process devnet registers itself as a Bronze masternode over JSON-RPC, with
 * collateral from its wallet and its operator key file: the registration is listed as PENDING once
 * final, enters the set two epochs later, the operator key's signatures appear in the heartbeat,
 * and it deregisters.
 */
class MasternodeRpcIT {
  @TempDir Path dir;
  LocalDevnet net;

  @AfterEach
  void stop() {
    if (net != null) {
      net.close();
    }
  }

  RpcClient rpc(int i) throws Exception {
    TimeNode node = net.node(i);
    return new RpcClient(
        URI.create("http://127.0.0.1:" + node.rpcAddress().orElseThrow().getPort() + "/"),
        RpcCredentials.fromCookie(net.rpcCookie(i)));
  }

  static JsonNode find(JsonNode list, String operatorKey) {
    for (JsonNode m : list) {
      if (m.get("operator_key").asText().equals(operatorKey)) {
        return m;
      }
    }
    return null;
  }

  @Test
  void aRegistrationOverRpcIsListedPendingThenJoinsTheSetTwoEpochsLater() throws Exception {
    KeyPair owner = KeyPair.generate(new SecureRandom());
    Address ownerAddress = Address.fromPublicKey(owner.publicKey());
    int base = DevnetRpcIT.freeRun(12);
    net =
        LocalDevnet.create(
            dir,
            4,
            base,
            Duration.ofMillis(100),
            Duration.ofMillis(300),
            List.of(new TxOut(Amounts.ofTime(1_500), ownerAddress)),
            Clock.SYSTEM);
    int mn = net.addFullNode(base + 10, base + 11);
    // Its votes are signed by an operator key of its own, apart from the node key.
    byte[] seed =
        org.timecoin.node.config.NodeKeyFile.create(
            net.home(mn).resolve("operator.key"), new SecureRandom());
    String operator = KeyPair.fromSeed(seed).publicKey().toHex();
    net.changeConfig(
        mn,
        c ->
            c.withMasternode(
                new org.timecoin.node.config.MasternodeSection(true, "operator.key", "")));
    net.useKeyRing(mn, new TestKeyRing(owner));
    net.startAll();
    RpcClient rpc = rpc(mn);
    assertThat(net.node(mn).key().publicKey().toHex()).isNotEqualTo(operator);

    JsonNode before = rpc.call("masternodestatus");
    assertThat(before.get("registered").asBoolean()).isFalse();
    assertThat(before.get("operator_key").asText()).isEqualTo(operator);
    assertThat(rpc.call("masternodelist")).hasSize(4);

    JsonNode reg = rpc.call("registermasternode", "bronze");
    String txid = reg.get("txid").asText();
    assertThat(reg.get("collateral").asText()).isEqualTo(txid + ":0");
    assertThat(reg.get("operator_key").asText()).isEqualTo(operator);
    assertThat(rpc.call("waittransactionfinality", txid, 60).get("finalized").asBoolean()).isTrue();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> find(rpc.call("masternodelist"), operator) != null);
    JsonNode listed = find(rpc.call("masternodelist"), operator);
    assertThat(listed.get("tier").asText()).isEqualTo("bronze");
    assertThat(listed.get("collateral").asText()).isEqualTo(txid + ":0");
    assertThat(listed.get("owner").asText()).isEqualTo(ownerAddress.toText(Network.TESTNET));
    assertThat(listed.get("reward_address").asText())
        .isEqualTo(ownerAddress.toText(Network.TESTNET));
    assertThat(listed.get("network_address").asText()).isEqualTo("127.0.0.1:" + (base + 10));
    long registeredAt = listed.get("registered_height").asLong();
    // a set takes it in a full epoch later at the soonest: 20 blocks of at least 100 ms
    assertThat(listed.get("status").asText()).isEqualTo("PENDING");
    JsonNode status = rpc.call("masternodestatus");
    assertThat(status.get("registered").asBoolean()).isTrue();
    assertThat(status.get("voting").asBoolean()).isFalse();
    assertThat(status.get("votes_from_epoch").asLong()).isEqualTo((registeredAt - 1) / 20 + 2);
    assertThatThrownBy(() -> rpc.call("registermasternode", "bronze"))
        .isInstanceOfSatisfying(
            RpcClient.RpcCallException.class,
            e -> assertThat(e.getMessage()).contains("already registered"));
    assertThat(rpc.call("getbalance").asLong())
        .as("the collateral is still the wallet's")
        .isGreaterThan(Amounts.ofTime(1_000));

    // Enters the set of epoch j + 2 and signs: its signatures reach the blocks' lastCommit.
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> rpc.call("masternodestatus").get("voting").asBoolean());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> rpc.call("getheartbeathistory", operator, 10).get("signed_count").asInt() > 0);
    JsonNode inSet = find(rpc(0).call("masternodelist"), operator);
    assertThat(inSet.get("status").asText()).isEqualTo("ACTIVE_SET");
    assertThat(inSet.get("in_current_set").asBoolean()).isTrue();
    assertThat(inSet.get("entered_height").asLong())
        .isEqualTo(((registeredAt - 1) / 20 + 2) * 20 + 1);
    JsonNode stats = rpc.call("getattestationstats");
    assertThat(find(stats, operator).get("since").asLong())
        .isEqualTo(inSet.get("entered_height").asLong());

    JsonNode dereg = rpc.call("deregistermasternode", txid);
    assertThat(dereg.get("collateral").asText()).isEqualTo(txid + ":0");
    rpc.call("waittransactionfinality", dereg.get("txid").asText(), 60);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                find(rpc.call("masternodelist"), operator)
                    .get("status")
                    .asText()
                    .equals("LEAVING"));
    assertThat(rpc.call("masternodestatus").at("/masternode/leaving_height").asLong())
        .isGreaterThan(registeredAt);
  }
}
