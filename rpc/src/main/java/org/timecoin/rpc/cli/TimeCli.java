package org.timecoin.rpc.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timecoin.rpc.methods.RpcMethods;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * time-cli: one kebab-case command per RPC method ({@code time-cli get-block-count}; the method
 * name works too), built from the methods' help texts; {@code send-to-address} and {@code
 * merge-utxos} with options; {@code call METHOD [PARAMS...]} for any method. Arguments that parse
 * as JSON numbers, booleans, objects or arrays are sent as such (decimals exactly), anything else
 * as a string. Results print readably, or as JSON with {@code --json}.
 *
 * <p>Exit codes: 0 done, 1 the node answered with an error, 2 bad usage or no answer.
 */
public final class TimeCli {
  /** Internal: {@link #call} was refused for its credentials (exit code 2). */
  private static final int AUTH_FAILED = -2;

  static final String DEFAULT_URL = "http://127.0.0.1:24101/";

  /** Long enough for the longest finality wait (300 s) and its answer. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(330);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  private TimeCli() {}

  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = run(args, new PrintWriter(System.out, true), err);
    } catch (RuntimeException e) {
      err.println(
          "time-cli failed: " + (e.getMessage() == null ? "internal error" : e.getMessage()));
      code = 2;
    }
    System.exit(code);
  }

  /** Runs one command; returns the process exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Map<String, CliCommand> commands = commands(RpcMethods.catalog());
    CommandLine cli = new CommandLine(spec(commands));
    cli.setOut(out).setErr(err).setUnmatchedOptionsArePositionalParams(true);
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println(e.getMessage());
      e.getCommandLine().usage(err);
      return 2;
    }
    if (CommandLine.printHelpIfRequested(parsed)) {
      return 0;
    }
    if (!parsed.hasSubcommand()) {
      cli.usage(err);
      return 2;
    }
    ParseResult sub = parsed.subcommand();
    String name = sub.commandSpec().name();
    String method;
    ArrayNode params;
    try {
      if (WalletCommands.METHODS.containsKey(name)) {
        method = WalletCommands.METHODS.get(name);
        params = WalletCommands.params(sub);
      } else {
        List<String> rest =
            sub.matchedPositionals().isEmpty() ? List.of() : sub.matchedPositional(0).getValue();
        if ("call".equals(name)) {
          if (rest.isEmpty()) {
            throw new WalletCommands.BadArgument("call needs a method name");
          }
          method = rest.get(0);
          rest = rest.subList(1, rest.size());
        } else {
          method = commands.get(name).method();
        }
        params = arguments(method, rest, commands);
      }
    } catch (WalletCommands.BadArgument e) {
      err.println(e.getMessage());
      sub.commandSpec().commandLine().usage(err);
      return 2;
    }
    RpcClient client;
    NodeTarget target;
    try {
      target =
          NodeTarget.resolve(
              option(parsed, "--rpc-url", (String) null),
              option(parsed, "--rpc-user", (String) null),
              option(parsed, "--rpc-password", (String) null),
              option(parsed, "--datadir", (Path) null),
              option(parsed, "--home", (Path) null));
      client = client(target);
    } catch (IllegalArgumentException e) {
      err.println("--rpc-url must be an http:// or https:// URL with a host");
      return 2;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    int code = call(client, method, params, option(parsed, "--json", false), out, err);
    if (code == AUTH_FAILED && target.missingCookie() != null) {
      err.println(
          "no cookie at "
              + target.missingCookie()
              + ": is the node running? (its data directory holds it)");
    }
    return code == AUTH_FAILED ? 2 : code;
  }

  /** The client for {@code url} without credentials. */
  static RpcClient client(String url) {
    return client(new NodeTarget(URI.create(url), null, null));
  }

  private static RpcClient client(NodeTarget target) {
    URI uri = target.uri();
    if (uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(uri.toString());
    }
    return new RpcClient(uri, target.credentials(), CONNECT_TIMEOUT, CALL_TIMEOUT);
  }

  private static <T> T option(ParseResult parsed, String name, T fallback) {
    ParseResult sub = parsed.subcommand();
    if (sub != null && sub.hasMatchedOption(name)) {
      return sub.matchedOptionValue(name, fallback);
    }
    return parsed.matchedOptionValue(name, fallback);
  }

  private static ArrayNode arguments(
      String method, List<String> args, Map<String, CliCommand> commands) {
    ArrayNode params = MAPPER.createArrayNode();
    for (String a : args) {
      if ("help".equals(method) && commands.containsKey(a)) {
        a = commands.get(a).method(); // time-cli help get-block
      }
      params.add(argument(a));
    }
    return params;
  }

  private static int call(
      RpcClient client,
      String method,
      ArrayNode params,
      boolean json,
      PrintWriter out,
      PrintWriter err) {
    try {
      print(client.call(method, params), json, out);
      return 0;
    } catch (RpcClient.RpcCallException e) {
      err.println("error code " + e.code() + ": " + e.getMessage());
      return 1;
    } catch (ConnectException | HttpConnectTimeoutException e) {
      if ("help".equals(method)) {
        err.println("(" + client.uri() + " does not answer: the help of this time-cli)");
        return localHelp(params, json, out, err);
      }
      err.println("cannot connect to " + client.uri() + ": is timed running with RPC enabled?");
      return 2;
    } catch (HttpTimeoutException e) {
      err.println("no answer from " + client.uri() + " within " + CALL_TIMEOUT.toSeconds() + " s");
      return 2;
    } catch (RpcClient.RpcAuthException e) {
      err.println("error: " + e.getMessage());
      return AUTH_FAILED;
    } catch (JacksonException e) {
      err.println("the answer of " + client.uri() + " is not JSON-RPC");
      return 2;
    } catch (IOException e) {
      err.println(
          "RPC request to "
              + client.uri()
              + " failed"
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  /** Help from this time-cli's own list of methods, when the node cannot be reached. */
  private static int localHelp(ArrayNode params, boolean json, PrintWriter out, PrintWriter err) {
    RpcMethod help =
        RpcMethods.catalog().stream()
            .filter(m -> m.name().equals("help"))
            .findFirst()
            .orElseThrow();
    try {
      print(help.call(Params.of(params)), json, out);
      return 0;
    } catch (RpcException e) {
      err.println("error code " + e.code() + ": " + e.getMessage());
      return 1;
    }
  }

  private static void print(JsonNode result, boolean json, PrintWriter out) {
    if (json) {
      out.println(result == null ? "null" : result.toPrettyString());
      return;
    }
    String text = Readable.render(result);
    if (!text.isEmpty()) {
      out.println(text);
    }
  }

  static JsonNode argument(String text) {
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n != null && (n.isNumber() || n.isBoolean() || n.isContainerNode())) {
        return n;
      }
    } catch (JacksonException e) {
      // not JSON: a plain string
    }
    return MAPPER.getNodeFactory().textNode(text);
  }

  /**
   * A command per method, by command name and (hidden from the list) by method name; the wallet
   * commands with options are built apart.
   */
  private static Map<String, CliCommand> commands(List<RpcMethod> methods) {
    Map<String, CliCommand> byName = new LinkedHashMap<>();
    for (CliCommand c : CliCommand.of(methods)) {
      if (!WalletCommands.METHODS.containsValue(c.method())) {
        byName.put(c.name(), c);
      }
    }
    for (CliCommand c : List.copyOf(byName.values())) {
      byName.putIfAbsent(c.method(), c);
    }
    return byName;
  }

  private static CommandSpec spec(Map<String, CliCommand> commands) {
    CommandSpec root =
        CommandSpec.create()
            .name("time-cli")
            .mixinStandardHelpOptions(true)
            .addOption(
                OptionSpec.builder("--rpc-url")
                    .paramLabel("URL")
                    .scopeType(ScopeType.INHERIT)
                    .description(
                        "JSON-RPC endpoint (default " + DEFAULT_URL + "; mainnet uses port 24001)")
                    .type(String.class)
                    .build())
            .addOption(
                OptionSpec.builder("--json")
                    .scopeType(ScopeType.INHERIT)
                    .description("print the result as JSON, as the node sent it")
                    .type(boolean.class)
                    .build())
            .addOption(
                OptionSpec.builder("--rpc-user")
                    .scopeType(ScopeType.INHERIT)
                    .paramLabel("USER")
                    .description("Log in as this [rpc] auth user instead of with the cookie")
                    .type(String.class)
                    .build())
            .addOption(
                OptionSpec.builder("--rpc-password")
                    .scopeType(ScopeType.INHERIT)
                    .paramLabel("PASSWORD")
                    .description("Password of --rpc-user")
                    .type(String.class)
                    .build())
            .addOption(
                OptionSpec.builder("--datadir")
                    .scopeType(ScopeType.INHERIT)
                    .paramLabel("DIR")
                    .description("Node data directory holding the cookie (.cookie)")
                    .type(Path.class)
                    .build())
            .addOption(
                OptionSpec.builder("--home")
                    .scopeType(ScopeType.INHERIT)
                    .paramLabel("DIR")
                    .description(
                        "Node home (default ~/.timecoin): its config.toml gives the data directory"
                            + " and the RPC address")
                    .type(Path.class)
                    .build());
    root.usageMessage()
        .description("Command-line client of a TIME Coin node (JSON-RPC).")
        .footer("", "time-cli COMMAND --help shows a command's parameters.");
    commands.forEach(
        (name, c) -> {
          CommandSpec s = generic(c);
          s.usageMessage().hidden(!name.equals(c.name())); // the method name works, unlisted
          root.addSubcommand(name, s);
        });
    for (CommandSpec s : WalletCommands.specs()) {
      root.addSubcommand(s.name(), s);
    }
    CommandSpec call = generic(new CliCommand("call", "call", "<method> [params...]", List.of()));
    call.usageMessage().description("Calls any RPC method with positional parameters.");
    root.addSubcommand("call", call);
    return root;
  }

  private static CommandSpec generic(CliCommand c) {
    CommandSpec s = CommandSpec.create().name(c.name()).mixinStandardHelpOptions(true);
    s.usageMessage()
        .customSynopsis(
            "time-cli " + c.name() + (c.parameters().isEmpty() ? "" : " " + c.parameters()))
        .description(escaped(c.description()).toArray(String[]::new))
        .footer("", "Calls RPC method " + c.method() + ".");
    s.addPositional(
        PositionalParamSpec.builder()
            .arity("0..*")
            .paramLabel("PARAM")
            .hidden(true)
            .type(List.class)
            .auxiliaryTypes(String.class)
            .build());
    return s;
  }

  /** Help text as picocli prints it verbatim (it formats and interpolates descriptions). */
  private static List<String> escaped(List<String> description) {
    return description.stream().map(l -> l.replace("%", "%%").replace("${", "$${")).toList();
  }
}
