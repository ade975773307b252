package org.timecoin.rpc.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Kebab-case command names from RPC method names ({@code getblockchaininfo} → {@code
 * get-blockchain-info}): the name is cut into the fewest known words. A name made of a word this
 * list lacks stays as it is, so a new method still gets a command.
 */
final class CliNames {
  private static final Set<String> WORDS =
      Set.of(
          "abandon",
          "account",
          "accounts",
          "add",
          "added",
          "address",
          "addresses",
          "all",
          "attestation",
          "backup",
          "balance",
          "balances",
          "ban",
          "banned",
          "best",
          "block",
          "blockchain",
          "by",
          "chain",
          "change",
          "clear",
          "collateral",
          "connect",
          "connection",
          "consensus",
          "count",
          "create",
          "decode",
          "deregister",
          "descriptor",
          "descriptors",
          "difficulty",
          "disconnect",
          "dump",
          "encrypt",
          "estimate",
          "fee",
          "fees",
          "finality",
          "for",
          "from",
          "fund",
          "generate",
          "get",
          "hash",
          "header",
          "heartbeat",
          "height",
          "help",
          "history",
          "import",
          "info",
          "key",
          "keypool",
          "keys",
          "label",
          "labels",
          "list",
          "load",
          "lock",
          "logging",
          "masternode",
          "masternodes",
          "max",
          "memory",
          "mempool",
          "merge",
          "message",
          "metrics",
          "min",
          "mining",
          "mode",
          "net",
          "network",
          "new",
          "node",
          "nodes",
          "param",
          "params",
          "passphrase",
          "peer",
          "peers",
          "ping",
          "policy",
          "priv",
          "proof",
          "prune",
          "rate",
          "rates",
          "raw",
          "received",
          "refill",
          "register",
          "rescan",
          "reward",
          "rewards",
          "root",
          "roots",
          "rpc",
          "send",
          "set",
          "settings",
          "sign",
          "smart",
          "snapshot",
          "spec",
          "state",
          "states",
          "stats",
          "status",
          "stop",
          "submit",
          "sync",
          "time",
          "tip",
          "tips",
          "to",
          "totals",
          "transaction",
          "transactions",
          "tx",
          "txout",
          "unload",
          "unlock",
          "unspent",
          "uptime",
          "utxo",
          "utxos",
          "validate",
          "verify",
          "version",
          "wait",
          "wallet",
          "wallets",
          "with");

  private CliNames() {}

  /** The kebab-case command name of {@code method}, or the method name itself. */
  static String kebab(String method) {
    List<String> words = words(method);
    return words.isEmpty() ? method : String.join("-", words);
  }

  /** The fewest known words that make up {@code name}; empty when there are none. */
  static List<String> words(String name) {
    int n = name.length();
    int[] fewest = new int[n + 1];
    int[] cut = new int[n + 1];
    java.util.Arrays.fill(fewest, Integer.MAX_VALUE);
    fewest[0] = 0;
    for (int end = 1; end <= n; end++) {
      for (int start = 0; start < end; start++) {
        if (fewest[start] != Integer.MAX_VALUE
            && fewest[start] + 1 < fewest[end]
            && WORDS.contains(name.substring(start, end))) {
          fewest[end] = fewest[start] + 1;
          cut[end] = start;
        }
      }
    }
    if (n == 0 || fewest[n] == Integer.MAX_VALUE) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    for (int end = n; end > 0; end = cut[end]) {
      words.add(name.substring(cut[end], end));
    }
    Collections.reverse(words);
    return words;
  }
}
