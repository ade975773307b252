package org.timecoin.node.config;

import static org.timecoin.node.config.TomlTemplate.bool;
import static org.timecoin.node.config.TomlTemplate.list;
import static org.timecoin.node.config.TomlTemplate.ms;
import static org.timecoin.node.config.TomlTemplate.num;
import static org.timecoin.node.config.TomlTemplate.str;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code [rpc]}: the JSON-RPC server, bound to loopback unless told otherwise. Clients authenticate
 * with the cookie the node writes in its data directory at each start, or as a user of {@code
 * auth}; the limits bound what one client can make the node hold.
 *
 * @param auth users allowed besides the cookie, as {@code user:salt$hash} entries
 * @param readOnlyUsers users of {@code auth} refused the admin methods (stop, spending, key export)
 * @param allowedOrigins browser origins allowed to call (a request with another Origin is refused)
 * @param allowedHosts Host header values accepted besides the bind address (and loopback names)
 */
public record RpcSection(
    boolean enabled,
    String bindAddress,
    int port,
    int maxRequestBytes,
    List<RpcAuthEntry> auth,
    List<String> readOnlyUsers,
    List<String> allowedOrigins,
    List<String> allowedHosts,
    int maxBatch,
    int maxJsonDepth,
    int maxStringLength,
    int maxResponseBytes,
    Duration idleTimeout,
    int workerThreads,
    int workQueue,
    int authFailuresPerMinute,
    int maxFinalityWaiters,
    int maxFinalityWaitersPerTxid,
    int maxFinalityWaitersPerConnection) {

  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]{1,255}");

  public RpcSection {
    auth = List.copyOf(auth);
    readOnlyUsers = List.copyOf(readOnlyUsers);
    allowedOrigins = List.copyOf(allowedOrigins);
    allowedHosts = List.copyOf(allowedHosts);
  }

  /** The server at {@code bindAddress:port} with every other setting at its default. */
  public RpcSection(boolean enabled, String bindAddress, int port, int maxRequestBytes) {
    this(
        enabled,
        bindAddress,
        port,
        maxRequestBytes,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        100,
        64,
        4 * 1024 * 1024,
        32 * 1024 * 1024,
        Duration.ofSeconds(30),
        4,
        64,
        10,
        10_000,
        1_000,
        100);
  }

  public static RpcSection defaults(NetworkName network) {
    return new RpcSection(true, "127.0.0.1", network.defaultRpcPort(), 4 * 1024 * 1024);
  }

  /** This section with {@code users} as its auth entries, those in {@code readOnly} read-only. */
  public RpcSection withAuth(List<RpcAuthEntry> users, List<String> readOnly) {
    return new RpcSection(
        enabled,
        bindAddress,
        port,
        maxRequestBytes,
        users,
        readOnly,
        allowedOrigins,
        allowedHosts,
        maxBatch,
        maxJsonDepth,
        maxStringLength,
        maxResponseBytes,
        idleTimeout,
        workerThreads,
        workQueue,
        authFailuresPerMinute,
        maxFinalityWaiters,
        maxFinalityWaitersPerTxid,
        maxFinalityWaitersPerConnection);
  }

  /** Whether {@code user} is one of the read-only users. */
  public boolean readOnly(String user) {
    return readOnlyUsers.contains(user);
  }

  static RpcSection read(TomlTable t, NetworkName network) {
    RpcSection d = defaults(network);
    List<RpcAuthEntry> auth = authEntries(t);
    List<String> readOnly = readOnlyUsers(t, auth);
    RpcSection s =
        new RpcSection(
            t.bool("enabled", d.enabled),
            NodeSection.nonBlank(t, "bind_address", t.string("bind_address", d.bindAddress)),
            t.port("port", d.port),
            t.intIn("max_request_bytes", d.maxRequestBytes, 1024, 64 * 1024 * 1024),
            auth,
            readOnly,
            matching(t, "allowed_origins", ORIGIN, "an origin such as \"https://example.org\""),
            matching(t, "allowed_hosts", HOST, "a host name or host:port"),
            t.intIn("max_batch", d.maxBatch, 1, 10_000),
            t.intIn("max_json_depth", d.maxJsonDepth, 2, 1_000),
            t.intIn("max_string_length", d.maxStringLength, 1024, 64 * 1024 * 1024),
            t.intIn("max_response_bytes", d.maxResponseBytes, 64 * 1024, 1024 * 1024 * 1024),
            t.millis("idle_timeout_ms", d.idleTimeout, 100, 3_600_000),
            t.intIn("worker_threads", d.workerThreads, 1, 256),
            t.intIn("work_queue", d.workQueue, 1, 100_000),
            t.intIn("auth_failures_per_minute", d.authFailuresPerMinute, 1, 1_000_000),
            t.intIn("max_finality_waiters", d.maxFinalityWaiters, 1, 1_000_000),
            t.intIn("max_finality_waiters_per_txid", d.maxFinalityWaitersPerTxid, 1, 1_000_000),
            t.intIn(
                "max_finality_waiters_per_connection",
                d.maxFinalityWaitersPerConnection,
                1,
                1_000_000));
    t.rejectUnknownKeys();
    return s;
  }

  private static List<RpcAuthEntry> authEntries(TomlTable t) {
    List<RpcAuthEntry> out = new ArrayList<>();
    Set<String> users = new HashSet<>();
    List<String> texts = t.strings("auth", List.of());
    for (int i = 0; i < texts.size(); i++) {
      RpcAuthEntry e;
      try {
        e = RpcAuthEntry.parse(texts.get(i));
      } catch (IllegalArgumentException ex) {
        throw t.invalid("auth", "entry " + (i + 1) + ": " + ex.getMessage());
      }
      if (!users.add(e.user())) {
        throw t.invalid("auth", "names user '" + e.user() + "' twice");
      }
      out.add(e);
    }
    return out;
  }

  private static List<String> readOnlyUsers(TomlTable t, List<RpcAuthEntry> auth) {
    List<String> names = t.strings("read_only_users", List.of());
    for (String n : names) {
      if (auth.stream().noneMatch(e -> e.user().equals(n))) {
        throw t.invalid("read_only_users", "names '" + n + "', which is not a user of auth");
      }
    }
    return names;
  }

  private static List<String> matching(TomlTable t, String key, Pattern p, String what) {
    List<String> values = t.strings(key, List.of());
    for (String v : values) {
      if (!p.matcher(v).matches()) {
        throw t.invalid(key, "entry \"" + v + "\" is not " + what);
      }
    }
    return values;
  }

  void writeTo(TomlTemplate w) {
    w.section(
            "rpc",
            "JSON-RPC 2.0 over HTTP. Clients authenticate with HTTP Basic: the node writes a new\n"
                + "cookie (user __cookie__) to DATA_DIR/.cookie at each start, which time-cli reads;\n"
                + "other users go in auth (make an entry with 'timed rpcauth USER').")
        .key("enabled", bool(enabled), "Serve JSON-RPC")
        .key(
            "bind_address",
            str(bindAddress),
            "Keep 127.0.0.1 unless a firewall protects the port: anyone who reaches it can try\n"
                + "passwords")
        .key("port", num(port), "RPC port (testnet 24101, mainnet 24001)")
        .key("max_request_bytes", num(maxRequestBytes), "Largest HTTP request body accepted")
        .key(
            "auth",
            list(auth.stream().map(RpcAuthEntry::text).toList()),
            "Users as \"user:salt$hash\", hash = hex HMAC-SHA256(key = salt, message = password);\n"
                + "the password itself is never stored")
        .key(
            "read_only_users",
            list(readOnlyUsers),
            "Users of auth refused the admin methods (stop, sending coins, exporting keys)")
        .key(
            "allowed_origins",
            list(allowedOrigins),
            "Browser origins allowed to call, e.g. \"https://wallet.example\"; a request with\n"
                + "any other Origin header is refused")
        .key(
            "allowed_hosts",
            list(allowedHosts),
            "Host header values accepted besides the bind address (loopback names when bound to\n"
                + "loopback); others are refused, against DNS rebinding")
        .key("max_batch", num(maxBatch), "Most calls in one batch; a longer batch runs none")
        .key("max_json_depth", num(maxJsonDepth), "Deepest nesting of arrays and objects")
        .key("max_string_length", num(maxStringLength), "Longest JSON string, in characters")
        .key(
            "max_response_bytes",
            num(maxResponseBytes),
            "Largest response; a call whose answer would exceed it gets an error")
        .key(
            "idle_timeout_ms",
            ms(idleTimeout),
            "Close a connection with nothing in progress after this long without traffic")
        .key("worker_threads", num(workerThreads), "Threads that run RPC methods")
        .key(
            "work_queue",
            num(workQueue),
            "Requests waiting for a worker; beyond this a request is answered \"busy\"")
        .key(
            "auth_failures_per_minute",
            num(authFailuresPerMinute),
            "Failed logins allowed per client IP per minute; beyond it the IP is refused")
        .key(
            "max_finality_waiters",
            num(maxFinalityWaiters),
            "waittransactionfinality calls waiting at once, in all")
        .key(
            "max_finality_waiters_per_txid",
            num(maxFinalityWaitersPerTxid),
            "... on one transaction")
        .key(
            "max_finality_waiters_per_connection",
            num(maxFinalityWaitersPerConnection),
            "... from one connection");
  }
}
