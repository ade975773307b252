package org.timecoin.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

class HelpTest {
  final FakeNode node = new FakeNode();
  final List<RpcMethod> methods =
      RpcMethods.all(
          node,
          node,
          node,
          TestWallet.absent(java.nio.file.Path.of("no-wallet-here")),
          org.timecoin.node.api.WalletService.NONE,
          node.masternodes);
  final RpcMethod help =
      methods.stream().filter(m -> m.name().equals("help")).findFirst().orElseThrow();
  final ObjectMapper mapper = new ObjectMapper();

  String call(String params) throws Exception {
    return help.call(Params.of(mapper.readTree(params))).asText();
  }

  @Test
  void withoutArgumentOneLinePerMethodByName() throws Exception {
    List<String> lines = call("[]").lines().toList();
    assertThat(lines).hasSize(methods.size());
    assertThat(lines).isSorted();
    for (RpcMethod m : methods) {
      assertThat(lines).anyMatch(l -> l.equals(Help.firstLine(m.help())));
    }
    assertThat(lines)
        .contains("help [method] - One line per method, or the full help of one method.");
  }

  @Test
  void withAMethodItsFullHelp() throws Exception {
    assertThat(call("[\"getblock\"]"))
        .startsWith("getblock <hash|height> [verbosity=1] - ")
        .contains("verbosity 0: the block in its canonical encoding, hex");
    assertThat(call("{\"method\": \"help\"}")).startsWith("help [method]");
  }

  @Test
  void anUnknownMethodIsAnErrorThatEchoesOnlyAPrefix() {
    assertThatThrownBy(() -> call("[\"nosuchmethod\"]"))
        .isInstanceOf(RpcException.class)
        .hasMessage("unknown method 'nosuchmethod'");
    assertThatThrownBy(() -> call("[\"" + "x".repeat(500) + "\"]"))
        .hasMessage("unknown method '" + "x".repeat(32) + "...'");
    assertThatThrownBy(() -> call("[7]")).hasMessageContaining("must be a string");
    assertThatThrownBy(() -> call("[\"a\", \"b\"]")).hasMessageContaining("at most 1");
  }

  /** time-cli takes a command's usage from this line: "name <required> [optional] - what". */
  @Test
  void everyUsageLineStartsWithTheMethodName() {
    for (RpcMethod m : methods) {
      assertThat(Help.firstLine(m.help())).as(m.name()).startsWith(m.name());
    }
  }

  @Test
  void theCatalogHasTheSameMethodsAsTheServer() {
    assertThat(RpcMethods.catalog().stream().map(RpcMethod::name))
        .containsExactlyElementsOf(methods.stream().map(RpcMethod::name).toList());
  }
}
