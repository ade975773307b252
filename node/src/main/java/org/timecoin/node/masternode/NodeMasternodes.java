package org.timecoin.node.masternode;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.NetworkAddress;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.node.api.AttestationView;
import org.timecoin.node.api.HeartbeatView;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.MasternodeStatusView;
import org.timecoin.node.api.MasternodeView;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.config.HostPort;
import org.timecoin.node.wallet.WalletMasternodeTx;

/**
 * The node's {@link MasternodeService}: views over the registry, the epoch sets and the
 * certificates blocks carry, and registration through the wallet. Uptime is certificates signed
 * over the heights the masternode was in a set since entering; a heartbeat reads the signers of
 * each of the last {@code limit} heights it was expected to sign.
 */
public final class NodeMasternodes implements MasternodeService {
  /** What this node registers with, from its configuration. */
  public record Identity(
      KeyPair operator, boolean enabled, Optional<Address> rewardAddress, String listenAddress) {}

  private final MasternodeChain chain;
  private final Attendance attendance;
  private final Network network;
  private final Identity identity;
  private final BooleanSupplier walletPresent;
  private final WalletMasternodeTx walletTx;

  /**
   * @param walletPresent whether the node has a wallet now (an encrypted one may not exist yet)
   * @param walletTx builds the wallet's masternode transactions; null for a node without a wallet
   */
  public NodeMasternodes(
      MasternodeChain chain,
      Network network,
      Identity identity,
      BooleanSupplier walletPresent,
      WalletMasternodeTx walletTx) {
    this.chain = chain;
    this.attendance = new Attendance(chain);
    this.network = network;
    this.identity = identity;
    this.walletPresent = walletPresent;
    this.walletTx = walletTx;
  }

  @Override
  public List<MasternodeView> masternodes() {
    long next = chain.height() + 1;
    List<MasternodeView> out = new ArrayList<>();
    chain.registry().forEachRecord(r -> out.add(view(r, next)));
    return out;
  }

  private MasternodeView view(MasternodeRecord r, long next) {
    long expected = attendance.expected(r);
    return new MasternodeView(
        r.operatorKey().toHex(),
        tierName(r.tier()),
        r.collateral() == null ? null : outpoint(r.collateral()),
        r.owner().toText(network),
        r.rewardAddress().toText(network),
        r.networkAddress(),
        r.votingPower(),
        r.status().name(),
        attendance.inSetAt(r, next),
        attendance.activeAt(r, next),
        r.registeredHeight(),
        r.enteredHeight(),
        r.leavingHeight(),
        r.lastSignedHeight(),
        r.signedCount(),
        Attendance.uptime(r.signedCount(), expected));
  }

  @Override
  public MasternodeStatusView status() {
    PublicKey key = identity.operator().publicKey();
    long next = chain.height() + 1;
    long epoch = chain.epochOf(next);
    Optional<MasternodeRecord> record = chain.registry().byOperatorKey(key);
    if (record.isEmpty()) {
      return new MasternodeStatusView(
          key.toHex(),
          identity.enabled(),
          null,
          false,
          epoch,
          -1,
          "not registered: lock collateral with registermasternode <tier>");
    }
    MasternodeRecord r = record.get();
    boolean inSet = attendance.inSetAt(r, next);
    boolean voting = inSet && identity.enabled();
    long from;
    String message;
    if (inSet) {
      from = chain.epochOf(r.enteredHeight());
      message =
          identity.enabled()
              ? "votes since epoch " + from + " (height " + r.enteredHeight() + ")"
              : "in the set since epoch "
                  + from
                  + ", but [masternode] enabled is false: not voting";
    } else if (attendance.inSetAt(r, chain.firstHeight(epoch + 1))) {
      from = epoch + 1;
      message = "enters the set at epoch " + from + " (height " + chain.firstHeight(from) + ")";
    } else {
      from = r.status() == MasternodeRecord.Status.PENDING ? pendingEntry(r) : -1;
      message = outOfSet(r, from);
    }
    return new MasternodeStatusView(
        key.toHex(), identity.enabled(), view(r, next), voting, epoch, from, message);
  }

  /** A registration final in epoch j enters the set of epoch j + 2. */
  private long pendingEntry(MasternodeRecord r) {
    return chain.epochOf(r.registeredHeight()) + 2;
  }

  private String outOfSet(MasternodeRecord r, long from) {
    return switch (r.status()) {
      case PENDING ->
          "registered at height "
              + r.registeredHeight()
              + "; enters the set at epoch "
              + from
              + " (height "
              + chain.firstHeight(from)
              + ")";
      case LEAVING ->
          "deregistered at height "
              + r.leavingHeight()
              + " and out of the set; its collateral is spendable";
      case REMOVED ->
          "removed for inactivity; spend or deregister its collateral, then register again";
      case ACTIVE_SET -> "between sets";
    };
  }

  @Override
  public Optional<HeartbeatView> heartbeat(String operatorKeyOrAddress, int limit) {
    if (limit < 1 || limit > MAX_HEARTBEAT_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_HEARTBEAT_LIMIT + ", got " + limit);
    }
    Optional<MasternodeRecord> found = find(operatorKeyOrAddress);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    MasternodeRecord r = found.get();
    long[] range = attendance.expectedRange(r, attendance.lastCountable());
    List<Long> signed = new ArrayList<>();
    List<Long> missed = new ArrayList<>();
    if (range == null) {
      return Optional.of(new HeartbeatView(r.operatorKey().toHex(), -1, -1, signed, missed));
    }
    long from = Math.max(range[0], range[1] - limit + 1);
    for (long h = from; h <= range[1]; h++) {
      Optional<Set<PublicKey>> signers = chain.commitSigners(h);
      if (signers.isPresent()) {
        (signers.get().contains(r.operatorKey()) ? signed : missed).add(h);
      }
    }
    return Optional.of(new HeartbeatView(r.operatorKey().toHex(), from, range[1], signed, missed));
  }

  /** The record of an operator key (64 hex), else of an address: its operator key's, or reward. */
  private Optional<MasternodeRecord> find(String text) {
    if (text.length() == 2 * PublicKey.SIZE && text.chars().allMatch(NodeMasternodes::isHex)) {
      return chain.registry().byOperatorKey(PublicKey.of(HexFormat.of().parseHex(text)));
    }
    Address address;
    try {
      address = Address.parse(text, network);
    } catch (AddressFormatException e) {
      throw new IllegalArgumentException(
          "not an operator key (64 hex characters) nor an address: " + e.getMessage());
    }
    List<MasternodeRecord> byOperator = new ArrayList<>(1);
    List<MasternodeRecord> byReward = new ArrayList<>(1);
    chain
        .registry()
        .forEachRecord(
            r -> {
              if (byOperator.isEmpty() && address.matches(r.operatorKey())) {
                byOperator.add(r);
              } else if (byReward.isEmpty() && r.rewardAddress().equals(address)) {
                byReward.add(r);
              }
            });
    return byOperator.isEmpty() ? byReward.stream().findFirst() : Optional.of(byOperator.get(0));
  }

  @Override
  public List<AttestationView> attestationStats() {
    List<AttestationView> out = new ArrayList<>();
    chain
        .registry()
        .forEachRecord(
            r -> {
              if (r.enteredHeight() >= 1) {
                long expected = attendance.expected(r);
                long signed = Math.min(r.signedCount(), expected);
                out.add(
                    new AttestationView(
                        r.operatorKey().toHex(),
                        tierName(r.tier()),
                        r.status().name(),
                        signed,
                        expected - signed,
                        Attendance.uptime(signed, expected),
                        r.enteredHeight(),
                        r.lastSignedHeight()));
              }
            });
    return out;
  }

  @Override
  public CompletableFuture<Registered> register(
      String tierText, Optional<String> rewardAddress, Optional<String> networkAddress) {
    try {
      Tier tier = parseTier(tierText);
      Optional<Address> reward =
          rewardAddress.isPresent()
              ? Optional.of(parseAddress(rewardAddress.get()))
              : identity.rewardAddress();
      String reach = networkAddress(networkAddress);
      KeyPair operator = identity.operator();
      Optional<MasternodeRecord> existing = chain.registry().byOperatorKey(operator.publicKey());
      if (existing.isPresent()) {
        MasternodeRecord r = existing.get();
        throw invalid(
            "operator key "
                + operator.publicKey().toHex()
                + " is already registered ("
                + r.status()
                + (r.collateral() == null
                    ? ", a genesis validator"
                    : ", collateral " + outpoint(r.collateral()))
                + ")");
      }
      return wallet()
          .register(tier, operator, reward, reach)
          .thenApply(
              sent ->
                  new Registered(
                      sent.txid(),
                      sent.txid() + ":0",
                      operator.publicKey().toHex(),
                      tierName(tier),
                      tier.collateral(),
                      sent.fee()));
    } catch (WalletException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Deregistered> deregister(String collateralTxid) {
    try {
      OutPoint collateral;
      try {
        collateral = new OutPoint(org.timecoin.common.Hash32.fromHex(collateralTxid), 0);
      } catch (IllegalArgumentException e) {
        throw invalid("collateral_txid must be 64 hex characters");
      }
      MasternodeRecord r =
          chain
              .registry()
              .byCollateral(collateral)
              .orElseThrow(
                  () ->
                      new WalletException(
                          WalletException.Kind.NOT_FOUND,
                          "no masternode has collateral " + outpoint(collateral)));
      if (r.status() == MasternodeRecord.Status.LEAVING) {
        throw invalid(
            "the masternode of collateral "
                + outpoint(collateral)
                + " is already leaving (deregistered at height "
                + r.leavingHeight()
                + ")");
      }
      return wallet()
          .deregister(collateral, r.owner())
          .thenApply(sent -> new Deregistered(sent.txid(), outpoint(collateral), sent.fee()));
    } catch (WalletException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private WalletMasternodeTx wallet() throws WalletException {
    if (walletTx == null || !walletPresent.getAsBoolean()) {
      throw new WalletException(WalletException.Kind.NO_WALLET, "this node runs without a wallet");
    }
    return walletTx;
  }

  private static Tier parseTier(String text) throws WalletException {
    for (Tier t : Tier.values()) {
      if (t.name().equalsIgnoreCase(text)) {
        return t;
      }
    }
    throw invalid("unknown tier '" + shortText(text) + "': one of bronze, silver, gold");
  }

  private Address parseAddress(String text) throws WalletException {
    try {
      return Address.parse(text, network);
    } catch (AddressFormatException e) {
      throw new WalletException(
          WalletException.Kind.INVALID_ADDRESS, "reward_address: " + e.getMessage());
    }
  }

  /** The given host:port, else the P2P listen address when peers can reach it. */
  private String networkAddress(Optional<String> given) throws WalletException {
    if (given.isPresent()) {
      String problem = NetworkAddress.problem(given.get());
      if (problem != null) {
        throw invalid("network_address: " + problem);
      }
      return given.get();
    }
    HostPort listen = HostPort.parse(identity.listenAddress());
    String text = listen == null ? identity.listenAddress() : listen.toString();
    if (listen == null
        || listen.host().equals("0.0.0.0")
        || listen.host().equals("::")
        || NetworkAddress.problem(text) != null) {
      throw invalid(
          "this node listens on "
              + identity.listenAddress()
              + ", which peers cannot dial; give network_address (host:port)");
    }
    return text;
  }

  static String tierName(Tier tier) {
    return tier.name().toLowerCase(Locale.ROOT);
  }

  static String outpoint(OutPoint op) {
    return op.txid().toHex() + ":" + op.index();
  }

  private static String shortText(String text) {
    return text.length() <= 32 ? text : text.substring(0, 32) + "...";
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static WalletException invalid(String message) {
    return new WalletException(WalletException.Kind.INVALID_PARAMETER, message);
  }
}
