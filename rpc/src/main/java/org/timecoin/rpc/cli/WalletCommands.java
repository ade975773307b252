package org.timecoin.rpc.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The two wallet commands that take named options, as the original time-cli had them: {@code
 * send-to-address ADDRESS AMOUNT [--fee-rate R]} and {@code merge-utxos -m MIN -x MAX [-a
 * ADDRESS]}. Amounts go to the node as exact decimal JSON numbers, never through binary floating
 * point.
 */
final class WalletCommands {
  static final String SEND = "sendtoaddress";
  static final String MERGE = "mergeutxos";

  /** The RPC methods these commands call, by command name. */
  static final Map<String, String> METHODS =
      Map.of(CliNames.kebab(SEND), SEND, CliNames.kebab(MERGE), MERGE);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private WalletCommands() {}

  static CommandSpec sendToAddress() {
    CommandSpec s = CommandSpec.create().name(CliNames.kebab(SEND)).mixinStandardHelpOptions(true);
    s.usageMessage()
        .description(
            "Sends AMOUNT TIME from the node's wallet to ADDRESS, signed by the wallet;"
                + " prints the txid. (RPC "
                + SEND
                + ")");
    s.addPositional(
        PositionalParamSpec.builder()
            .index("0")
            .arity("1")
            .required(true)
            .paramLabel("ADDRESS")
            .type(String.class)
            .description("the recipient's address")
            .build());
    s.addPositional(
        PositionalParamSpec.builder()
            .index("1")
            .arity("1")
            .required(true)
            .paramLabel("AMOUNT")
            .type(String.class)
            .description("TIME, at most 8 decimals, e.g. 12.5")
            .build());
    s.addOption(
        OptionSpec.builder("--fee-rate")
            .paramLabel("R")
            .type(String.class)
            .description("fee rate in units per byte (default: the mempool's minimum)")
            .build());
    return s;
  }

  static CommandSpec mergeUtxos() {
    CommandSpec s = CommandSpec.create().name(CliNames.kebab(MERGE)).mixinStandardHelpOptions(true);
    s.usageMessage()
        .description(
            "Merges small unspent outputs of the wallet into one, signed by the wallet;"
                + " prints the result. (RPC "
                + MERGE
                + ")");
    s.addOption(
        OptionSpec.builder("-m", "--min-count")
            .paramLabel("MIN")
            .type(int.class)
            .defaultValue("2")
            .description("merge only when at least MIN outputs qualify (default 2)")
            .build());
    s.addOption(
        OptionSpec.builder("-x", "--max-count")
            .paramLabel("MAX")
            .type(int.class)
            .defaultValue("100")
            .description("merge at most MAX outputs in one transaction (default 100)")
            .build());
    s.addOption(
        OptionSpec.builder("-a", "--address")
            .paramLabel("ADDRESS")
            .type(String.class)
            .description("merge the outputs of this address only (default: the whole wallet)")
            .build());
    return s;
  }

  static List<CommandSpec> specs() {
    return List.of(sendToAddress(), mergeUtxos());
  }

  /** The parameters of the RPC call for a parsed wallet command. */
  static ArrayNode params(ParseResult sub) throws BadArgument {
    ArrayNode p = JSON.arrayNode();
    if (sub.commandSpec().name().equals(CliNames.kebab(SEND))) {
      p.add(sub.<String>matchedPositionalValue(0, null));
      p.add(decimal("AMOUNT", sub.matchedPositionalValue(1, null)));
      String feeRate = sub.matchedOptionValue("--fee-rate", null);
      if (feeRate != null) {
        p.add(decimal("--fee-rate", feeRate));
      }
    } else {
      p.add(sub.<Integer>matchedOptionValue("-m", 2));
      p.add(sub.<Integer>matchedOptionValue("-x", 100));
      String address = sub.matchedOptionValue("-a", null);
      if (address != null) {
        p.add(address);
      }
    }
    return p;
  }

  private static com.fasterxml.jackson.databind.JsonNode decimal(String what, String text)
      throws BadArgument {
    if (text == null || !text.matches("[0-9]{1,20}(\\.[0-9]{1,20})?")) {
      throw new BadArgument(what + " must be a plain decimal number such as 1.5");
    }
    return JSON.numberNode(new BigDecimal(text));
  }

  /** An argument the command cannot send. */
  static final class BadArgument extends Exception {
    private static final long serialVersionUID = 1L;

    BadArgument(String message) {
      super(message);
    }
  }
}
