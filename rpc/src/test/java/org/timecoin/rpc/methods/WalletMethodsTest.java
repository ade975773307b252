package org.timecoin.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** The wallet key methods over the node's real wallet, and the error code of each refusal. */
class WalletMethodsTest {
  private final ObjectMapper mapper = new ObjectMapper();
  @TempDir Path dir;

  private JsonNode call(RpcMethod m, String params) throws Exception {
    return m.call(Params.of(mapper.readTree(params)));
  }

  private void refused(RpcMethod m, String params, int code, String text) {
    assertThatThrownBy(() -> call(m, params))
        .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(text);
  }

  @Test
  void addressesLabelsAndInfoOfAPlainWallet() throws Exception {
    WalletKeys w = TestWallet.plain(dir);
    String address = call(new GetNewAddress(w), "[\"rent\"]").asText();
    assertThat(address).startsWith("TIME0");
    assertThat(call(new GetNewAddress(w), "{}").asText()).startsWith("TIME0");
    JsonNode list = call(new ListAddresses(w), "[]");
    assertThat(list).hasSize(3);
    assertThat(list.get(1).get("address").asText()).isEqualTo(address);
    assertThat(list.get(1).get("label").asText()).isEqualTo("rent");
    JsonNode info = call(new GetWalletInfo(w), "[]");
    assertThat(info.get("encrypted").asBoolean()).isFalse();
    assertThat(info.get("locked").asBoolean()).isFalse();
    assertThat(info.has("unlocked_until")).isFalse();
    assertThat(info.get("keys").asInt()).isEqualTo(3);

    refused(new GetNewAddress(w), "[7]", -32602, "must be a string");
    refused(new GetNewAddress(w), "[\"a\", \"b\"]", -32602, "at most 1");
    refused(new ListAddresses(w), "{\"all\": true}", -32602, "unknown parameter");
    refused(new WalletPassphrase(w), "[\"pw\", 60]", -15, "not encrypted");
    refused(new WalletLock(w), "[]", -15, "nothing to lock");
  }

  @Test
  void encryptUnlockDumpImportAndLock() throws Exception {
    WalletKeys w = TestWallet.plain(dir);
    String first = call(new ListAddresses(w), "[]").get(0).get("address").asText();
    String plainKey = call(new DumpPrivKey(w), "[\"" + first + "\"]").asText();
    assertThat(call(new EncryptWallet(w), "[\"s3cret\"]").asText()).contains("locked");
    refused(new EncryptWallet(w), "[\"again\"]", -15, "already encrypted");
    JsonNode info = call(new GetWalletInfo(w), "[]");
    assertThat(info.get("encrypted").asBoolean()).isTrue();
    assertThat(info.get("locked").asBoolean()).isTrue();
    assertThat(info.get("unlocked_until").asLong()).isZero();
    assertThat(info.get("keypoolsize").asInt()).isEqualTo(3);

    refused(new DumpPrivKey(w), "[\"" + first + "\"]", -13, "walletpassphrase");
    refused(new WalletPassphrase(w), "[\"wrong\", 60]", -14, "wrong passphrase");
    refused(new WalletPassphrase(w), "[\"s3cret\"]", -32602, "missing parameter 'timeout'");
    refused(new WalletPassphrase(w), "[\"s3cret\", 0]", -32602, "between 1 and");
    refused(new WalletPassphrase(w), "[\"s3cret\", 100000001]", -8, "between 1 and");
    refused(new WalletPassphrase(w), "[\"s3cret\", \"60\"]", -32602, "must be an integer");
    refused(new WalletPassphrase(w), "[\"" + "x".repeat(1025) + "\", 60]", -32602, "1 to 1024");
    refused(new WalletPassphrase(w), "[123456, 60]", -32602, "must be a string");
    assertThat(call(new GetNewAddress(w), "[\"while locked\"]").asText()).startsWith("TIME0");

    assertThat(
            call(new WalletPassphrase(w), "{\"passphrase\": \"s3cret\", \"timeout\": 60}").isNull())
        .isTrue();
    assertThat(call(new GetWalletInfo(w), "[]").get("unlocked_until").asLong())
        .isGreaterThan(System.currentTimeMillis() / 1000);
    assertThat(call(new DumpPrivKey(w), "[\"" + first + "\"]").asText()).isEqualTo(plainKey);
    refused(new DumpPrivKey(w), "[\"TIME0abc\"]", -5, "invalid address");
    refused(new ImportPrivKey(w), "[\"TIMEKEYxyz\"]", -5, "invalid private key");
    refused(new ImportPrivKey(w), "[\"" + plainKey + "\", 5]", -32602, "must be a string");
    assertThat(call(new ImportPrivKey(w), "[\"" + plainKey + "\", \"same\"]").asText())
        .isEqualTo(first);

    assertThat(call(new WalletLock(w), "[]").isNull()).isTrue();
    refused(new DumpPrivKey(w), "[\"" + first + "\"]", -13, "locked");
  }

  @Test
  void backupWritesACopyOnceAndNeverOverwrites() throws Exception {
    WalletKeys w = TestWallet.plain(dir);
    Path target = dir.resolve("backup.dat");
    assertThat(call(new BackupWallet(w), "[\"" + target + "\"]").asText())
        .isEqualTo(target.toString());
    assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(dir.resolve("wallet.dat")));
    refused(new BackupWallet(w), "[\"" + target + "\"]", -4, "already exists");
    refused(new BackupWallet(w), "[\"relative.dat\"]", -8, "absolute path");
    refused(new BackupWallet(w), "[]", -32602, "missing parameter 'destination'");
  }

  @Test
  void withoutAWalletTheMethodsSayHowToCreateOne() throws Exception {
    WalletKeys w = TestWallet.absent(dir);
    refused(new GetWalletInfo(w), "[]", -18, "encryptwallet");
    refused(new GetNewAddress(w), "[]", -18, "encryptwallet");
    refused(new DumpPrivKey(w), "[\"TIME0abc\"]", -18, "no wallet");
    assertThat(call(new ListAddresses(w), "[]")).isEmpty();
    refused(new EncryptWallet(w), "[\"\"]", -32602, "1 to 1024");
    call(new EncryptWallet(w), "[\"pw\"]");
    assertThat(call(new GetWalletInfo(w), "[]").get("keys").asInt()).isEqualTo(1);
  }

  @Test
  void everyWalletMethodIsServedWithHelp() {
    FakeNode node = new FakeNode();
    List<String> wallet =
        List.of(
            "getnewaddress",
            "listaddresses",
            "getwalletinfo",
            "encryptwallet",
            "walletpassphrase",
            "walletlock",
            "backupwallet",
            "importprivkey",
            "dumpprivkey",
            "getbalance",
            "listunspent",
            "createrawtransaction",
            "signrawtransactionwithwallet",
            "decoderawtransaction",
            "sendtoaddress",
            "mergeutxos",
            "gettransaction",
            "listtransactions");
    List<RpcMethod> served = RpcMethods.all(node, node, node, TestWallet.absent(dir), node.wallet);
    assertThat(served.stream().map(RpcMethod::name)).containsAll(wallet);
    for (RpcMethod m : served) {
      if (wallet.contains(m.name())) {
        // "name <args> - Summary." on the first line, as every method's help reads.
        assertThat(m.help().split("\n")[0])
            .as(m.name())
            .matches(java.util.regex.Pattern.quote(m.name()) + "( [^ ].*)? - [A-Z].*\\.");
      }
    }
  }
}
