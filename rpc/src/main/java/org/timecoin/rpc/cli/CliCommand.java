package org.timecoin.rpc.cli;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.rpc.methods.Help;
import org.timecoin.rpc.server.RpcMethod;

/**
 * A time-cli command for one RPC method, taken from the method's help text: its kebab-case name,
 * the parameters of its usage line, and what it does.
 *
 * @param parameters the usage line after the method name, e.g. {@code <hash|height> [verbosity=1]}
 * @param description the rest of the usage line, then the further lines of the help text
 */
record CliCommand(String name, String method, String parameters, List<String> description) {

  static CliCommand of(RpcMethod m) {
    String[] lines = m.help().split("\n");
    String usage = Help.firstLine(m.help());
    String parameters = "";
    List<String> description = new ArrayList<>();
    int dash = usage.indexOf(" - ");
    if (usage.startsWith(m.name()) && dash >= m.name().length()) {
      parameters = usage.substring(m.name().length(), dash).strip();
      description.add(usage.substring(dash + 3).strip());
    } else {
      description.add(usage);
    }
    for (int i = 1; i < lines.length; i++) {
      description.add(lines[i]);
    }
    return new CliCommand(CliNames.kebab(m.name()), m.name(), parameters, description);
  }

  /** One command per method. */
  static List<CliCommand> of(List<RpcMethod> methods) {
    return methods.stream().map(CliCommand::of).toList();
  }
}
