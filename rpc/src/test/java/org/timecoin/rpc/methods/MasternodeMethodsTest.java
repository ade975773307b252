package org.timecoin.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.WalletException;
import org.timecoin.rpc.FakeMasternodes;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.server.AdminMethods;
import org.timecoin.rpc.server.JsonRpcDispatcher;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcMethod;

/** The masternode methods through the real dispatcher, over a fake registry. */
class MasternodeMethodsTest {
  final FakeNode node = new FakeNode();
  final FakeMasternodes masternodes = node.masternodes;
  final List<RpcMethod> methods =
      RpcMethods.all(
          node, node, node, TestWallet.absent(Path.of("no-wallet-here")), node.wallet, masternodes);
  final JsonRpcDispatcher rpc = new JsonRpcDispatcher(methods);
  final ObjectMapper mapper = new ObjectMapper();

  JsonNode call(String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    return mapper.readTree(rpc.handle(body.getBytes(StandardCharsets.UTF_8)));
  }

  JsonNode result(String method, String params) throws Exception {
    JsonNode r = call(method, params);
    assertThat(r.get("error")).as("error of %s", r).isNull();
    return r.get("result");
  }

  JsonNode error(String method, String params) throws Exception {
    JsonNode r = call(method, params);
    assertThat(r.get("error")).as("%s %s", method, params).isNotNull();
    return r.get("error");
  }

  @Test
  void masternodeListShowsEveryRecord() throws Exception {
    JsonNode list = result("masternodelist", "[]");
    assertThat(list).hasSize(2);
    JsonNode g = list.get(0);
    assertThat(g.get("operator_key").asText()).isEqualTo(FakeMasternodes.KEY);
    assertThat(g.get("collateral").isNull()).isTrue();
    assertThat(g.get("voting_power").asLong()).isEqualTo(1);
    assertThat(g.get("status").asText()).isEqualTo("ACTIVE_SET");
    assertThat(g.get("active").asBoolean()).isTrue();
    assertThat(g.get("last_signed_height").asLong()).isEqualTo(6);
    assertThat(g.get("uptime").asDouble()).isEqualTo(5.0 / 6);
    JsonNode p = list.get(1);
    assertThat(p.get("collateral").asText()).isEqualTo(FakeMasternodes.TXID + ":0");
    assertThat(p.get("network_address").asText()).isEqualTo("10.0.0.1:24100");
    assertThat(p.get("reward_address").asText()).isEqualTo("TIME0rew");
    assertThat(p.get("tier").asText()).isEqualTo("bronze");
    assertThat(p.get("uptime").isNull()).isTrue();
    assertThat(error("masternodelist", "[1]").get("code").asInt())
        .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }

  @Test
  void masternodeStatusShowsThisNodesRecordAndWhenItVotes() throws Exception {
    JsonNode s = result("masternodestatus", "[]");
    assertThat(s.get("operator_key").asText()).isEqualTo(FakeMasternodes.PENDING_KEY);
    assertThat(s.get("registered").asBoolean()).isTrue();
    assertThat(s.get("masternode").get("status").asText()).isEqualTo("PENDING");
    assertThat(s.get("voting").asBoolean()).isFalse();
    assertThat(s.get("votes_from_epoch").asLong()).isEqualTo(2);
    assertThat(s.get("message").asText()).contains("epoch 2");
    assertThat(error("masternodestatus", "{\"x\":1}").get("code").asInt())
        .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }

  @Test
  void registerMasternodePassesTierAndOptionalAddresses() throws Exception {
    JsonNode r = result("registermasternode", "[\"bronze\", \"TIME0r\", \"h.example:1\"]");
    assertThat(r.get("txid").asText()).isEqualTo(FakeMasternodes.TXID);
    assertThat(r.get("collateral").asText()).isEqualTo(FakeMasternodes.TXID + ":0");
    assertThat(r.get("operator_key").asText()).isEqualTo(FakeMasternodes.PENDING_KEY);
    assertThat(r.get("amount").asLong()).isEqualTo(100_000_000_000L);
    assertThat(masternodes.calls.get(0))
        .isEqualTo(List.of("bronze", Optional.of("TIME0r"), Optional.of("h.example:1")));
    result("registermasternode", "[\"gold\"]");
    assertThat(masternodes.calls.get(1))
        .isEqualTo(List.of("gold", Optional.empty(), Optional.empty()));
    result("registermasternode", "{\"tier\":\"silver\",\"network_address\":\"h:2\"}");
    assertThat(masternodes.calls.get(2))
        .isEqualTo(List.of("silver", Optional.empty(), Optional.of("h:2")));
    result("registermasternode", "[\"silver\", \"\"]");
    assertThat(masternodes.calls.get(3))
        .as("an empty address means the default")
        .isEqualTo(List.of("silver", Optional.empty(), Optional.empty()));
  }

  @Test
  void registerMasternodeRefusesBadParametersBeforeTheWalletIsAsked() throws Exception {
    for (String bad :
        List.of(
            "[]",
            "[1]",
            "[\"bronze\", 5]",
            "[\"bronze\", \"TIME0r\", 7]",
            "[\"bronze\", \"TIME0r\", \"h:1\", 4]",
            "[\"" + "b".repeat(81) + "\"]",
            "[\"bronze\", \"" + "T".repeat(81) + "\"]",
            "{\"tier\":\"bronze\",\"amount\":1}")) {
      JsonNode e = error("registermasternode", bad);
      assertThat(e.get("code").asInt()).as(bad).isEqualTo(RpcErrorCodes.INVALID_PARAMS);
      assertThat(e.get("message").asText()).doesNotContain("b".repeat(40), "T".repeat(40));
    }
    assertThat(masternodes.calls).isEmpty();
  }

  @Test
  void everyRefusalOfTheWalletKeepsItsCodeAndReason() throws Exception {
    Map<WalletException, Integer> refusals =
        Map.of(
            new WalletException(
                WalletException.Kind.INVALID_PARAMETER, "unknown tier 'platinum': one of ..."),
            RpcErrorCodes.INVALID_PARAMETER,
            new WalletException(
                WalletException.Kind.INVALID_PARAMETER, "tier FREE locks no collateral"),
            RpcErrorCodes.INVALID_PARAMETER,
            new WalletException(
                WalletException.Kind.INVALID_PARAMETER, "operator key 0a0a is already registered"),
            RpcErrorCodes.INVALID_PARAMETER,
            new WalletException(WalletException.Kind.LOCKED, "the wallet is locked"),
            RpcErrorCodes.WALLET_UNLOCK_NEEDED,
            new WalletException(
                WalletException.Kind.INSUFFICIENT_FUNDS, "a BRONZE masternode locks 1000 TIME"),
            RpcErrorCodes.WALLET_INSUFFICIENT_FUNDS,
            new WalletException(WalletException.Kind.INVALID_ADDRESS, "reward_address: bad"),
            RpcErrorCodes.NOT_FOUND,
            new WalletException(WalletException.Kind.NO_WALLET, "this node runs without a wallet"),
            RpcErrorCodes.WALLET_NOT_FOUND,
            new WalletException(WalletException.Kind.REJECTED, "rejected: collateral locked"),
            RpcErrorCodes.VERIFY_REJECTED);
    for (var r : refusals.entrySet()) {
      masternodes.failure = r.getKey();
      JsonNode e = error("registermasternode", "[\"bronze\"]");
      assertThat(e.get("code").asInt()).as(r.getKey().getMessage()).isEqualTo(r.getValue());
      assertThat(e.get("message").asText()).isEqualTo(r.getKey().getMessage());
    }
    Map<WalletException, Integer> deregistrations =
        Map.of(
            new WalletException(WalletException.Kind.NOT_FOUND, "no masternode has collateral"),
            RpcErrorCodes.NOT_FOUND,
            new WalletException(
                WalletException.Kind.NOT_IN_WALLET, "not an address of this wallet"),
            RpcErrorCodes.NOT_FOUND,
            new WalletException(WalletException.Kind.INVALID_PARAMETER, "already leaving"),
            RpcErrorCodes.INVALID_PARAMETER,
            new WalletException(WalletException.Kind.LOCKED, "the wallet is locked"),
            RpcErrorCodes.WALLET_UNLOCK_NEEDED);
    for (var r : deregistrations.entrySet()) {
      masternodes.failure = r.getKey();
      JsonNode e = error("deregistermasternode", "[\"" + FakeMasternodes.TXID + "\"]");
      assertThat(e.get("code").asInt()).as(r.getKey().getMessage()).isEqualTo(r.getValue());
      assertThat(e.get("message").asText()).isEqualTo(r.getKey().getMessage());
    }
  }

  @Test
  void deregisterMasternodeTakesACollateralTxid() throws Exception {
    JsonNode d = result("deregistermasternode", "[\"" + "C1".repeat(32) + "\"]");
    assertThat(masternodes.calls).containsExactly(FakeMasternodes.TXID);
    assertThat(d.get("collateral").asText()).isEqualTo(FakeMasternodes.TXID + ":0");
    assertThat(d.get("txid").asText()).isEqualTo("d2".repeat(32));
    for (String bad :
        List.of(
            "[]",
            "[\"c1\"]",
            "[5]",
            "[\"" + "zz".repeat(32) + "\"]",
            "[\"" + "c1".repeat(32) + "\", 0]")) {
      assertThat(error("deregistermasternode", bad).get("code").asInt())
          .as(bad)
          .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    }
    assertThat(masternodes.calls).hasSize(1);
  }

  @Test
  void heartbeatHistoryListsSignedAndMissedHeights() throws Exception {
    JsonNode h = result("getheartbeathistory", "[\"" + FakeMasternodes.KEY + "\", 5]");
    assertThat(h.get("signed_count").asInt()).isEqualTo(4);
    assertThat(h.get("missed").get(0).asLong()).isEqualTo(4);
    assertThat(h.get("from_height").asLong()).isEqualTo(2);
    result("getheartbeathistory", "{\"operator_key_or_address\":\"" + FakeMasternodes.KEY + "\"}");
    assertThat(masternodes.calls.get(1)).isEqualTo(List.of(FakeMasternodes.KEY, 100));
    result(
        "getheartbeathistory",
        "[\"" + FakeMasternodes.KEY + "\", " + MasternodeService.MAX_HEARTBEAT_LIMIT + "]");
  }

  @Test
  void heartbeatHistoryRefusalsNameTheProblem() throws Exception {
    JsonNode unknown = error("getheartbeathistory", "[\"TIME0nobody\"]");
    assertThat(unknown.get("code").asInt()).isEqualTo(RpcErrorCodes.NOT_FOUND);
    assertThat(unknown.get("message").asText()).contains("no masternode", "TIME0nobody");
    JsonNode bad = error("getheartbeathistory", "[\"bad\"]");
    assertThat(bad.get("code").asInt()).isEqualTo(RpcErrorCodes.INVALID_PARAMETER);
    assertThat(bad.get("message").asText()).contains("not an operator key");
    int calls = masternodes.calls.size();
    for (String params :
        List.of(
            "[]",
            "[\"\"]",
            "[\"" + "k".repeat(81) + "\"]",
            "[\"" + FakeMasternodes.KEY + "\", 0]",
            "[\""
                + FakeMasternodes.KEY
                + "\", "
                + (MasternodeService.MAX_HEARTBEAT_LIMIT + 1)
                + "]",
            "[\"" + FakeMasternodes.KEY + "\", \"ten\"]")) {
      assertThat(error("getheartbeathistory", params).get("code").asInt())
          .as(params)
          .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
    }
    assertThat(masternodes.calls).hasSize(calls);
  }

  @Test
  void attestationStatsListEveryMasternodesRecord() throws Exception {
    JsonNode a = result("getattestationstats", "[]").get(0);
    assertThat(a.get("signed").asLong()).isEqualTo(5);
    assertThat(a.get("missed").asLong()).isEqualTo(1);
    assertThat(a.get("uptime").asDouble()).isEqualTo(5.0 / 6);
    assertThat(a.get("since").asLong()).isEqualTo(1);
    assertThat(error("getattestationstats", "[1]").get("code").asInt())
        .isEqualTo(RpcErrorCodes.INVALID_PARAMS);
  }

  @Test
  void registrationAndDeregistrationAreAdminOnlyAndEveryHelpLineIsInTheCommonFormat() {
    List<String> names =
        List.of(
            "masternodelist",
            "masternodestatus",
            "registermasternode",
            "deregistermasternode",
            "getheartbeathistory",
            "getattestationstats");
    for (RpcMethod m : methods) {
      if (names.contains(m.name())) {
        assertThat(m.help().split("\n")[0])
            .as(m.name())
            .matches(java.util.regex.Pattern.quote(m.name()) + "( [^ ].*)? - [A-Z].*\\.");
        boolean changesState = m.name().contains("register");
        assertThat(AdminMethods.isAdmin(m)).as(m.name()).isEqualTo(changesState);
      }
    }
    assertThat(methods.stream().map(RpcMethod::name)).containsAll(names);
  }
}
