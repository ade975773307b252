package org.timecoin.rpc.cli;

import java.util.List;

/** A time-cli command: its kebab-case name, the RPC method it calls and a usage line. */
record CliCommand(String name, String method, String usage) {
  static final List<CliCommand> ALL =
      List.of(
          new CliCommand("get-blockchain-info", "getblockchaininfo", "chain, tip and sync state"),
          new CliCommand("get-block-count", "getblockcount", "height of the best block"),
          new CliCommand("get-best-block-hash", "getbestblockhash", "hash of the best block"),
          new CliCommand("get-block", "getblock", "<hash|height> [verbosity 0-2]: a block"),
          new CliCommand("get-peer-info", "getpeerinfo", "connected peers"),
          new CliCommand("get-consensus-info", "getconsensusinfo", "consensus height, round, step"),
          new CliCommand("get-mempool-info", "getmempoolinfo", "mempool size and limits"),
          new CliCommand("get-raw-mempool", "getrawmempool", "txids in the mempool"),
          new CliCommand("get-txout-set-info", "gettxoutsetinfo", "UTXO set summary"),
          new CliCommand(
              "send-raw-transaction", "sendrawtransaction", "<hex>: submit a transaction"),
          new CliCommand("validate-address", "validateaddress", "<address>: check an address"),
          new CliCommand(
              "get-raw-transaction", "getrawtransaction", "<txid> [verbose 0|1]: a transaction"),
          new CliCommand(
              "get-transaction-finality", "gettransactionfinality", "<txid>: is it final"),
          new CliCommand(
              "wait-transaction-finality",
              "waittransactionfinality",
              "<txid> [timeout_s]: wait until final"),
          new CliCommand("list-unspent", "listunspent", "<address> [limit]: unspent outputs"),
          new CliCommand("get-balance", "getbalance", "<address>: balance in units"),
          new CliCommand("masternode-list", "masternodelist", "the validator set"),
          new CliCommand("get-network-info", "getnetworkinfo", "node key, address, connections"),
          new CliCommand("uptime", "uptime", "seconds since the node started"),
          new CliCommand("stop", "stop", "stop the node"),
          new CliCommand("get-new-address", "getnewaddress", "[label]: a new wallet address"),
          new CliCommand("list-addresses", "listaddresses", "the wallet's addresses and labels"),
          new CliCommand("get-wallet-info", "getwalletinfo", "wallet encryption, lock and keys"),
          new CliCommand(
              "encrypt-wallet", "encryptwallet", "<passphrase>: encrypt (or create) the wallet"),
          new CliCommand(
              "wallet-passphrase",
              "walletpassphrase",
              "<passphrase> <seconds>: unlock the wallet for a while"),
          new CliCommand("wallet-lock", "walletlock", "lock the wallet now"),
          new CliCommand(
              "backup-wallet", "backupwallet", "<absolute path>: copy the wallet file there"),
          new CliCommand(
              "import-priv-key", "importprivkey", "<key> [label]: add a private key to the wallet"),
          new CliCommand(
              "dump-priv-key", "dumpprivkey", "<address>: private key of an address (unlocked)"));
}
