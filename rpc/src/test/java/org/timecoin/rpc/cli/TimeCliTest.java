package org.timecoin.rpc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.rpc.methods.RpcMethods;
import org.timecoin.rpc.server.RpcMethod;

class TimeCliTest {
  final FakeRpcServer server;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  TimeCliTest() throws Exception {
    server = new FakeRpcServer();
  }

  @AfterEach
  void close() {
    server.close();
  }

  int run(String... args) {
    List<String> all = new ArrayList<>(List.of("--rpc-url", server.uri().toString()));
    all.addAll(List.of(args));
    return runBare(all.toArray(String[]::new));
  }

  int runBare(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return TimeCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  void assertNoStackTrace() {
    assertThat(err.toString() + out)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("java.")
        .doesNotContain("com.fasterxml");
  }

  @Test
  void sendToAddressSendsTheAmountAsAnExactDecimal() throws Exception {
    server.result("\"" + "aa".repeat(32) + "\"");
    assertThat(run("send-to-address", "TIME0abc", "0.00000001", "--fee-rate", "5"))
        .as(err.toString())
        .isZero();
    assertThat(server.method()).isEqualTo("sendtoaddress");
    assertThat(server.params()).isEqualTo("[\"TIME0abc\",0.00000001,5]");
    assertThat(out.toString().strip()).isEqualTo("aa".repeat(32));
    assertThat(run("send-to-address", "TIME0abc", "12.50")).isZero();
    assertThat(server.params()).isEqualTo("[\"TIME0abc\",12.50]");
  }

  @Test
  void sendToAddressRefusesWhatIsNotAnAmountWithoutCallingTheNode() {
    for (String bad : List.of("abc", "-1", "1e5", "1.", "0x10", "NaN")) {
      assertThat(run("send-to-address", "TIME0abc", bad)).as(bad).isEqualTo(2);
      assertThat(err.toString()).contains("AMOUNT must be a plain decimal number");
    }
    assertThat(run("send-to-address", "TIME0abc", "1", "--fee-rate", "fast")).isEqualTo(2);
    assertThat(err.toString()).contains("--fee-rate must be a plain decimal number");
    assertThat(run("send-to-address", "TIME0abc")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter");
    assertThat(server.bodies).isEmpty();
    assertNoStackTrace();
  }

  @Test
  void mergeUtxosTakesMinMaxAndAnAddress() throws Exception {
    server.result("{\"txid\":\"" + "bb".repeat(32) + "\",\"merged\":50}");
    assertThat(run("merge-utxos", "-m", "5", "-x", "50", "-a", "TIME0abc")).isZero();
    assertThat(server.method()).isEqualTo("mergeutxos");
    assertThat(server.params()).isEqualTo("[5,50,\"TIME0abc\"]");
    assertThat(out.toString()).contains("merged  50");
    assertThat(run("merge-utxos")).isZero();
    assertThat(server.params()).isEqualTo("[2,100]");
    assertThat(run("merge-utxos", "--min-count", "3", "--max-count", "7")).isZero();
    assertThat(server.params()).isEqualTo("[3,7]");
    int before = server.bodies.size();
    assertThat(run("merge-utxos", "-m", "many")).isEqualTo(2);
    assertThat(server.bodies).hasSize(before);
  }

  @Test
  void anRpcErrorPrintsItsMessageAndExits1() {
    server.error(-6, "Insufficient funds: balance 5 TIME, 12 TIME needed");
    assertThat(run("send-to-address", "TIME0abc", "12")).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo("error code -6: Insufficient funds: balance 5 TIME, 12 TIME needed");
    assertNoStackTrace();
  }

  @Test
  void anUnreachableNodeIsNamedAndExits2() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(runBare("--rpc-url", "http://127.0.0.1:" + port + "/", "get-block-count"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("cannot connect to http://127.0.0.1:" + port);
    assertNoStackTrace();
  }

  @Test
  void anAnswerThatIsNotJsonRpcExits2() {
    server.raw(401, "");
    assertThat(run("get-block-count")).isEqualTo(2);
    assertThat(err.toString()).contains("authentication failed");
    server.raw(200, "<html>proxy</html>");
    assertThat(run("get-block-count")).isEqualTo(2);
    assertThat(err.toString()).contains("without a JSON-RPC answer");
    server.raw(200, "[1,2]");
    assertThat(run("get-block-count")).isEqualTo(2);
    assertNoStackTrace();
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertThat(run("get-everything")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(run("call")).isEqualTo(2);
    assertThat(err.toString()).contains("call needs a method name");
    assertThat(runBare("--rpc-url", "ftp://x/", "uptime")).isEqualTo(2);
    assertThat(err.toString()).contains("--rpc-url must be an http");
    assertThat(runBare("--rpc-url", "::nonsense", "uptime")).isEqualTo(2);
    assertThat(server.bodies).isEmpty();
    assertNoStackTrace();
  }

  @Test
  void parametersAreSentAsJsonValuesAndDecimalsExactly() throws Exception {
    server.result("null");
    assertThat(run("get-block", "7", "0")).isZero();
    assertThat(server.params()).isEqualTo("[7,0]");
    assertThat(run("call", "anything", "1.10", "-1", "abc", "true", "[1]")).isZero();
    assertThat(server.method()).isEqualTo("anything");
    assertThat(server.params()).isEqualTo("[1.10,-1,\"abc\",true,[1]]");
  }

  @Test
  void theRpcMethodNameWorksAsACommandToo() throws Exception {
    server.result("7");
    assertThat(run("getblockcount")).isZero();
    assertThat(server.method()).isEqualTo("getblockcount");
    assertThat(out.toString().strip()).isEqualTo("7");
  }

  @Test
  void resultsPrintAsKeyValuesAndTablesOrAsJson() {
    server.result(
        "{\"chain\":\"testnet\",\"blocks\":7,\"warnings\":\"\",\"eta_s\":null,"
            + "\"peers\":[{\"id\":\"a\",\"height\":7},{\"id\":\"bb\",\"height\":12}]}");
    assertThat(run("get-blockchain-info")).isZero();
    assertThat(out.toString())
        .contains("chain     testnet\n")
        .contains("blocks    7\n")
        .contains("eta_s     -\n")
        .contains("warnings\n")
        .contains("peers\n  id  height\n  a   7\n  bb  12\n");
    assertThat(run("--json", "get-blockchain-info")).isZero();
    assertThat(out.toString()).contains("\"chain\" : \"testnet\"");
    assertThat(run("get-blockchain-info", "--json")).isZero();
    assertThat(out.toString()).contains("\"blocks\" : 7");
    server.result("[]");
    assertThat(run("get-raw-mempool")).isZero();
    assertThat(out.toString().strip()).isEqualTo("(none)");
  }

  @Test
  void everyMethodHasACommandWithHelpFromItsHelpText() {
    assertThat(runBare("--help")).isZero();
    for (RpcMethod m : RpcMethods.catalog()) {
      assertThat(out.toString()).as(m.name()).contains("  " + CliNames.kebab(m.name()) + " ");
    }
    assertThat(out.toString()).doesNotContain("getblockchaininfo");
    assertThat(out.toString()).contains("send-to-address", "merge-utxos");
    assertThat(runBare("get-block", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: time-cli get-block <hash|height> [verbosity=1]")
        .contains("The block with this hash or at this height.")
        .contains("Calls RPC method getblock.")
        .contains("verbosity 0: the block in its canonical encoding, hex.");
    assertThat(runBare("merge-utxos", "--help")).isZero();
    assertThat(out.toString()).contains("-m, --min-count=MIN", "-x, --max-count=MAX");
    assertThat(runBare("send-to-address", "--help")).isZero();
    assertThat(out.toString()).contains("ADDRESS", "AMOUNT", "--fee-rate=R");
  }

  @Test
  void theMasternodeCommandsTakeTheirArgumentsInOrder() throws Exception {
    server.result("{\"txid\":\"ab\",\"collateral\":\"ab:0\"}");
    assertThat(run("register-masternode", "bronze")).isZero();
    assertThat(server.method()).isEqualTo("registermasternode");
    assertThat(server.params()).isEqualTo("[\"bronze\"]");
    assertThat(out.toString()).contains("collateral  ab:0");
    assertThat(run("register-masternode", "silver", "TIME0abc", "10.0.0.1:24100")).isZero();
    assertThat(server.params()).isEqualTo("[\"silver\",\"TIME0abc\",\"10.0.0.1:24100\"]");
    assertThat(run("deregister-masternode", "ab".repeat(32))).isZero();
    assertThat(server.method()).isEqualTo("deregistermasternode");
    assertThat(run("get-heartbeat-history", "TIME0abc", "50")).isZero();
    assertThat(server.method()).isEqualTo("getheartbeathistory");
    assertThat(server.params()).isEqualTo("[\"TIME0abc\",50]");
    server.result("[]");
    for (String c : List.of("masternode-list", "masternode-status", "get-attestation-stats")) {
      assertThat(run(c)).as(c).isZero();
    }
    assertThat(runBare("register-masternode", "--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: time-cli register-masternode <tier> [reward_address] [network_address]")
        .contains("Calls RPC method registermasternode.");
  }

  @Test
  void helpAsksTheNodeAndTakesCommandNames() throws Exception {
    server.result("\"getblock <hash|height> [verbosity=1] - The block.\"");
    assertThat(run("help", "get-block")).isZero();
    assertThat(server.method()).isEqualTo("help");
    assertThat(server.params()).isEqualTo("[\"getblock\"]");
    assertThat(out.toString()).startsWith("getblock <hash|height>");
  }

  @Test
  void withoutANodeHelpComesFromTheClientsOwnMethodList() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(runBare("--rpc-url", "http://127.0.0.1:" + port + "/", "help")).isZero();
    assertThat(out.toString().lines()).hasSize(RpcMethods.catalog().size());
    assertThat(runBare("--rpc-url", "http://127.0.0.1:" + port + "/", "help", "uptime")).isZero();
    assertThat(out.toString().strip()).isEqualTo("uptime - Seconds since the node started.");
  }
}
