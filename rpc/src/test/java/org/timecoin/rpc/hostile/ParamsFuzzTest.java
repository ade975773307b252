package org.timecoin.rpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.methods.RpcMethods;
import org.timecoin.rpc.server.JsonRpcDispatcher;
import org.timecoin.rpc.server.RpcMethod;

/**
 * Calls every method with random and mutated parameters. Whatever comes back must be a JSON-RPC
 * answer in our own words: no stack trace, no Java class or package name, no internal error, and no
 * echo of a long input.
 */
class ParamsFuzzTest {
  static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern LEAK =
      Pattern.compile(
          "(?i)(exception|\\bat [a-z]+\\.|\\b(java|javax|jdk|sun|org|com|io)\\.[a-z]|jackson|netty"
              + "|\\.java\\b|NullPointer|IllegalArgument|IllegalState|NumberFormat)");
  static final String[] NAMES = {
    "blockhash",
    "verbosity",
    "txid",
    "timeout",
    "address",
    "limit",
    "hexstring",
    "maxfeerate",
    "verbose",
    "count",
    "label",
    "amount",
    "x",
    "",
    "__proto__",
    "params",
    "tier",
    "reward_address",
    "network_address",
    "collateral_txid",
    "operator_key_or_address"
  };
  static final Map<String, String> VALID =
      Map.ofEntries(
          Map.entry("getblock", "[7, 2]"),
          Map.entry("getrawtransaction", "[\"" + "cd".repeat(32) + "\", 1]"),
          Map.entry("gettransactionfinality", "[\"" + "cd".repeat(32) + "\"]"),
          Map.entry("waittransactionfinality", "[\"" + "cd".repeat(32) + "\", 1]"),
          Map.entry("sendrawtransaction", "[\"00ff\"]"),
          Map.entry("validateaddress", "[\"TIME0abc\"]"),
          Map.entry("listunspent", "[\"TIME0abc\", 10]"),
          Map.entry("getbalance", "[\"TIME0abc\"]"),
          Map.entry("registermasternode", "[\"bronze\", \"TIME0abc\", \"10.0.0.1:24100\"]"),
          Map.entry("deregistermasternode", "[\"" + "c1".repeat(32) + "\"]"),
          Map.entry("getheartbeathistory", "[\"" + "0a".repeat(32) + "\", 10]"));

  @Test
  void noMethodLeaksInternalsWhateverItsParameters() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("ParamsFuzzTest seed " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
    Random r = new Random(seed);
    FakeNode node = new FakeNode();
    List<RpcMethod> methods =
        RpcMethods.all(
            node,
            node,
            node,
            TestWallet.absent(java.nio.file.Path.of("no-wallet-here")),
            org.timecoin.node.api.WalletService.NONE,
            node.masternodes);
    JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(methods);
    int calls = 0;
    for (RpcMethod m : methods) {
      for (int i = 0; i < 400; i++) {
        List<String> longInputs = new ArrayList<>();
        JsonNode params = params(r, m.name(), longInputs);
        ObjectNode req = F.objectNode().put("jsonrpc", "2.0").put("id", i).put("method", m.name());
        req.set("params", params);
        byte[] body = JSON.writeValueAsBytes(req);
        String answer = new String(dispatcher.handle(body), StandardCharsets.UTF_8);
        String context = "seed " + seed + ", " + m.name() + " " + params + " -> " + answer;
        assertThat(LEAK.matcher(answer).find()).as(context).isFalse();
        JsonNode a = JSON.readTree(answer);
        assertThat(a.path("error").path("code").asInt()).as(context).isNotEqualTo(-32603);
        assertThat(a.has("result") || a.has("error")).as(context).isTrue();
        for (String s : longInputs) {
          assertThat(answer).as(context).doesNotContain(s);
        }
        calls++;
      }
    }
    assertThat(calls).isEqualTo(400 * methods.size());
  }

  static JsonNode params(Random r, String method, List<String> longInputs) throws Exception {
    String valid = VALID.get(method);
    if (valid != null && r.nextInt(3) > 0) {
      return mutate(r, JSON.readTree(valid), longInputs);
    }
    if (r.nextBoolean()) {
      ArrayNode a = F.arrayNode();
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        a.add(value(r, 2, longInputs));
      }
      return a;
    }
    ObjectNode o = F.objectNode();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      o.set(NAMES[r.nextInt(NAMES.length)], value(r, 2, longInputs));
    }
    return o;
  }

  static JsonNode mutate(Random r, JsonNode valid, List<String> longInputs) {
    ArrayNode a = ((ArrayNode) valid).deepCopy();
    switch (r.nextInt(4)) {
      case 0 -> a.set(r.nextInt(a.size()), value(r, 1, longInputs));
      case 1 -> a.add(value(r, 1, longInputs));
      case 2 -> a.remove(r.nextInt(a.size()));
      default -> {
        int i = r.nextInt(a.size());
        JsonNode v = a.get(i);
        if (v.isTextual()) {
          StringBuilder s = new StringBuilder(v.asText());
          if (!s.isEmpty()) {
            s.setCharAt(r.nextInt(s.length()), (char) (r.nextInt(0x2FF) + 1));
          }
          a.set(i, F.textNode(s.toString()));
        } else {
          a.set(i, F.numberNode(v.asLong() + r.nextInt(5) - 2));
        }
      }
    }
    return a;
  }

  static JsonNode value(Random r, int depth, List<String> longInputs) {
    switch (r.nextInt(depth > 0 ? 12 : 10)) {
      case 0:
        return F.nullNode();
      case 1:
        return F.booleanNode(r.nextBoolean());
      case 2:
        return F.numberNode(
            new long[] {0, -1, 1, 7, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE + 1L}
                [r.nextInt(7)]);
      case 3:
        return F.numberNode(r.nextLong());
      case 4:
        return F.numberNode(
            BigInteger.ONE.shiftLeft(64 + r.nextInt(100)).add(BigInteger.valueOf(r.nextInt())));
      case 5:
        return F.numberNode(new BigDecimal(r.nextInt() + "." + Math.abs(r.nextInt())));
      case 6:
        return F.textNode(hex(r, r.nextBoolean() ? 64 : r.nextInt(80)));
      case 7:
        return F.textNode("TIME" + r.nextInt(3) + hex(r, r.nextInt(40)));
      case 8:
        {
          String s = text(r, 33 + r.nextInt(300));
          longInputs.add(s);
          return F.textNode(s);
        }
      case 9:
        return F.textNode(text(r, r.nextInt(8)));
      case 10:
        {
          ArrayNode a = F.arrayNode();
          for (int i = r.nextInt(3); i > 0; i--) {
            a.add(value(r, depth - 1, longInputs));
          }
          return a;
        }
      default:
        {
          ObjectNode o = F.objectNode();
          for (int i = r.nextInt(3); i > 0; i--) {
            o.set(NAMES[r.nextInt(NAMES.length)], value(r, depth - 1, longInputs));
          }
          return o;
        }
    }
  }

  static String hex(Random r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
    }
    return s.toString();
  }

  /** Letters only where it matters for the echo check: a long run no message could hold. */
  static String text(Random r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('a' + r.nextInt(26)));
    }
    return s.toString();
  }
}
