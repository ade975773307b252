package org.timecoin.rpc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.timecoin.rpc.methods.RpcMethods;
import org.timecoin.rpc.server.RpcMethod;

class CliNamesTest {
  @Test
  void methodNamesBecomeKebabCaseInTheFewestWords() {
    assertThat(CliNames.kebab("getblockchaininfo")).isEqualTo("get-blockchain-info");
    assertThat(CliNames.kebab("gettxoutsetinfo")).isEqualTo("get-txout-set-info");
    assertThat(CliNames.kebab("sendtoaddress")).isEqualTo("send-to-address");
    assertThat(CliNames.kebab("mergeutxos")).isEqualTo("merge-utxos");
    assertThat(CliNames.kebab("masternodelist")).isEqualTo("masternode-list");
    assertThat(CliNames.kebab("signrawtransactionwithwallet"))
        .isEqualTo("sign-raw-transaction-with-wallet");
    assertThat(CliNames.kebab("uptime")).isEqualTo("uptime");
    assertThat(CliNames.kebab("addnode")).isEqualTo("add-node");
    assertThat(CliNames.kebab("masternodestatus")).isEqualTo("masternode-status");
    assertThat(CliNames.kebab("registermasternode")).isEqualTo("register-masternode");
    assertThat(CliNames.kebab("deregistermasternode")).isEqualTo("deregister-masternode");
    assertThat(CliNames.kebab("getheartbeathistory")).isEqualTo("get-heartbeat-history");
    assertThat(CliNames.kebab("getattestationstats")).isEqualTo("get-attestation-stats");
  }

  /** The wallet and masternode methods the node is to have. */
  @Test
  void theMethodsStillToComeHaveKebabNamesToo() {
    for (String m :
        java.util.List.of(
            "getnewaddress",
            "listaddresses",
            "getwalletinfo",
            "createrawtransaction",
            "decoderawtransaction",
            "gettransaction",
            "listtransactions",
            "encryptwallet",
            "walletpassphrase",
            "walletlock",
            "backupwallet",
            "importprivkey",
            "dumpprivkey",
            "masternodestatus",
            "getheartbeathistory",
            "getattestationstats")) {
      assertThat(CliNames.words(m)).as(m).hasSizeGreaterThan(1);
    }
    assertThat(CliNames.kebab("walletpassphrase")).isEqualTo("wallet-passphrase");
    assertThat(CliNames.kebab("importprivkey")).isEqualTo("import-priv-key");
  }

  @Test
  void aNameWithAnUnknownWordStaysAsItIs() {
    assertThat(CliNames.kebab("getfrobnicator")).isEqualTo("getfrobnicator");
    assertThat(CliNames.kebab("")).isEmpty();
  }

  /**
   * A method whose name has a word missing here gets a command under its RPC name: add the word.
   */
  @Test
  void everyMethodOfTheNodeHasAKebabName() {
    for (RpcMethod m : RpcMethods.catalog()) {
      assertThat(CliNames.words(m.name())).as(m.name()).isNotEmpty();
    }
  }
}
