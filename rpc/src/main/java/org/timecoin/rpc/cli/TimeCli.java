package org.timecoin.rpc.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * time-cli: one kebab-case command per RPC method ({@code time-cli get-block-count}), plus {@code
 * call METHOD [PARAMS...]} for any method. Arguments that parse as JSON numbers, booleans, objects
 * or arrays are sent as such; anything else is sent as a string.
 */
public final class TimeCli {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TimeCli() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs one command; returns the process exit code (0 ok, 1 RPC error, 2 usage or connection). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(spec());
    cli.setOut(out).setErr(err);
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
    List<String> rest =
        sub.matchedPositionals().isEmpty() ? List.of() : sub.matchedPositional(0).getValue();
    String method = name;
    if ("call".equals(name)) {
      if (rest.isEmpty()) {
        err.println("call needs a method name");
        return 2;
      }
      method = rest.get(0);
      rest = rest.subList(1, rest.size());
    } else {
      method =
          CliCommand.ALL.stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .orElseThrow()
              .method();
    }
    NodeTarget target;
    try {
      target =
          NodeTarget.resolve(
              parsed.matchedOptionValue("--rpc-url", null),
              parsed.matchedOptionValue("--rpc-user", null),
              parsed.matchedOptionValue("--rpc-password", null),
              parsed.matchedOptionValue("--datadir", null),
              parsed.matchedOptionValue("--home", null));
    } catch (IOException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    return call(new RpcClient(target.uri(), target.credentials()), method, rest, out, err);
  }

  private static int call(
      RpcClient client, String method, List<String> args, PrintWriter out, PrintWriter err) {
    ArrayNode params = MAPPER.createArrayNode();
    for (String a : args) {
      params.add(argument(a));
    }
    try {
      JsonNode result = client.call(method, params);
      out.println(
          result != null && result.isTextual()
              ? result.asText()
              : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
      return 0;
    } catch (RpcClient.RpcCallException e) {
      err.println("error code " + e.code() + ": " + e.getMessage());
      return 1;
    } catch (ConnectException e) {
      err.println("cannot connect to " + client.uri() + ": is timed running with RPC enabled?");
      return 2;
    } catch (RpcClient.RpcAuthException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("RPC request to " + client.uri() + " failed: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
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

  private static CommandSpec spec() {
    CommandSpec root =
        CommandSpec.create()
            .name("time-cli")
            .mixinStandardHelpOptions(true)
            .addOption(
                OptionSpec.builder("--rpc-url")
                    .paramLabel("URL")
                    .description(
                        "JSON-RPC endpoint (default http://127.0.0.1:24101/; mainnet uses port 24001)")
                    .type(String.class)
                    .build())
            .addOption(
                OptionSpec.builder("--rpc-user")
                    .paramLabel("USER")
                    .description("Log in as this [rpc] auth user instead of with the cookie")
                    .type(String.class)
                    .build())
            .addOption(
                OptionSpec.builder("--rpc-password")
                    .paramLabel("PASSWORD")
                    .description("Password of --rpc-user")
                    .type(String.class)
                    .build())
            .addOption(
                OptionSpec.builder("--datadir")
                    .paramLabel("DIR")
                    .description("Node data directory holding the cookie (.cookie)")
                    .type(Path.class)
                    .build())
            .addOption(
                OptionSpec.builder("--home")
                    .paramLabel("DIR")
                    .description(
                        "Node home (default ~/.timecoin): its config.toml gives the data directory"
                            + " and the RPC address")
                    .type(Path.class)
                    .build());
    root.usageMessage().description("Command-line client of a TIME Coin node (JSON-RPC).");
    for (CliCommand c : CliCommand.ALL) {
      root.addSubcommand(c.name(), subcommand(c.name(), c.usage() + " (RPC " + c.method() + ")"));
    }
    root.addSubcommand("call", subcommand("call", "<method> [params...]: call any RPC method"));
    return root;
  }

  private static CommandSpec subcommand(String name, String description) {
    CommandSpec s = CommandSpec.create().name(name).mixinStandardHelpOptions(true);
    s.usageMessage().description(description);
    s.addPositional(
        PositionalParamSpec.builder()
            .arity("0..*")
            .paramLabel("PARAM")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .build());
    return s;
  }
}
