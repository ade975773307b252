package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/**
 * help [method]: the first line of every method's help, by name; or the whole help of one method.
 */
public final class Help implements RpcMethod {
  private final List<RpcMethod> others;

  private Help(List<RpcMethod> others) {
    this.others = others;
  }

  /** {@code methods} and a help method that covers them and itself. */
  public static List<RpcMethod> appendTo(List<RpcMethod> methods) {
    List<RpcMethod> all = new ArrayList<>(methods);
    all.add(new Help(List.copyOf(methods)));
    return List.copyOf(all);
  }

  @Override
  public String name() {
    return "help";
  }

  @Override
  public String help() {
    return "help [method] - One line per method, or the full help of one method.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept("method");
    JsonNode which = params.get(0, "method");
    if (which == null) {
      return Views.JSON.textNode(
          methods().stream()
              .sorted(Comparator.comparing(RpcMethod::name))
              .map(m -> firstLine(m.help()))
              .collect(Collectors.joining("\n")));
    }
    String name = params.requiredString(0, "method");
    return methods().stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .map(m -> Views.JSON.textNode(m.help()))
        .orElseThrow(
            () -> RpcException.invalidParams("unknown method '" + Params.shortPrefix(name) + "'"));
  }

  private List<RpcMethod> methods() {
    List<RpcMethod> all = new ArrayList<>(others);
    all.add(this);
    return all;
  }

  /** The usage line of a help text. */
  public static String firstLine(String help) {
    int nl = help.indexOf('\n');
    return nl < 0 ? help : help.substring(0, nl);
  }
}
