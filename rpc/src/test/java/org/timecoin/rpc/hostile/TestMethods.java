package org.timecoin.rpc.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.TestWallet;
import org.timecoin.rpc.methods.RpcMethods;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcMethod;

/** The node's methods over a fake node, plus methods that hold a worker or answer a lot. */
final class TestMethods {
  private TestMethods() {}

  static List<RpcMethod> with(FakeNode node, CountDownLatch release) {
    List<RpcMethod> all =
        new ArrayList<>(
            RpcMethods.all(
                node,
                node,
                node,
                TestWallet.absent(java.nio.file.Path.of("no-wallet-here")),
                org.timecoin.node.api.WalletService.NONE,
                node.masternodes));
    all.add(
        method(
            "hold",
            p -> {
              try {
                release.await(30, TimeUnit.SECONDS); // holds a worker thread on purpose
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return JsonNodeFactory.instance.textNode("released");
            }));
    all.add(method("blob", p -> JsonNodeFactory.instance.textNode("x".repeat(1 << 20))));
    return all;
  }

  interface Body {
    JsonNode call(Params p);
  }

  static RpcMethod method(String name, Body body) {
    return new RpcMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String help() {
        return name;
      }

      @Override
      public JsonNode call(Params params) {
        return body.call(params);
      }
    };
  }
}
