package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.num;
import static org.timecoin.node.config.TomlTemplate.str;

/** {@code [rpc]}: the JSON-RPC server, bound to loopback unless told otherwise. */
public record RpcSection(boolean enabled, String bindAddress, int port, int maxRequestBytes) {

  public static RpcSection defaults(NetworkName network) {
    return new RpcSection(true, "127.0.0.1", network.defaultRpcPort(), 4 * 1024 * 1024);
  }

  static RpcSection read(TomlTable t, NetworkName network) {
    RpcSection d = defaults(network);
    RpcSection s =
        new RpcSection(
            t.bool("enabled", d.enabled),
            NodeSection.nonBlank(t, "bind_address", t.string("bind_address", d.bindAddress)),
            t.port("port", d.port),
            t.intIn("max_request_bytes", d.maxRequestBytes, 1024, 64 * 1024 * 1024));
    t.rejectUnknownKeys();
    return s;
  }

  void writeTo(TomlTemplate w) {
    w.section("rpc", "JSON-RPC 2.0 over HTTP.")
        .key("enabled", bool(enabled), "Serve JSON-RPC")
        .key("bind_address", str(bindAddress), "Keep 127.0.0.1 unless a firewall protects the port")
        .key("port", num(port), "RPC port (testnet 24101, mainnet 24001)")
        .key("max_request_bytes", num(maxRequestBytes), "Largest HTTP request body accepted");
  }
}
