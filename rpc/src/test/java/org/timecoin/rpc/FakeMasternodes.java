package org.timecoin.rpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.timecoin.node.api.AttestationView;
import org.timecoin.node.api.HeartbeatView;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.MasternodeStatusView;
import org.timecoin.node.api.MasternodeView;
import org.timecoin.node.api.WalletException;

/** A registry of one genesis validator and one pending masternode; records what RPC asked. */
public final class FakeMasternodes implements MasternodeService {
  public static final String KEY = "0a".repeat(32);
  public static final String PENDING_KEY = "0b".repeat(32);
  public static final String TXID = "c1".repeat(32);

  public final List<Object> calls = new ArrayList<>();

  /** When set, register and deregister fail with it. */
  public WalletException failure;

  public static final MasternodeView GENESIS =
      new MasternodeView(
          KEY,
          "free",
          null,
          "TIME0own",
          "TIME0rew",
          "",
          1,
          "ACTIVE_SET",
          true,
          true,
          0,
          1,
          -1,
          6,
          5,
          5.0 / 6);
  public static final MasternodeView PENDING =
      new MasternodeView(
          PENDING_KEY,
          "bronze",
          TXID + ":0",
          "TIME0own",
          "TIME0rew",
          "10.0.0.1:24100",
          1,
          "PENDING",
          false,
          false,
          5,
          -1,
          -1,
          -1,
          0,
          null);

  @Override
  public List<MasternodeView> masternodes() {
    return List.of(GENESIS, PENDING);
  }

  @Override
  public MasternodeStatusView status() {
    return new MasternodeStatusView(
        PENDING_KEY, true, PENDING, false, 0, 2, "enters the set at epoch 2 (height 41)");
  }

  @Override
  public Optional<HeartbeatView> heartbeat(String operatorKeyOrAddress, int limit) {
    calls.add(List.of(operatorKeyOrAddress, limit));
    if (operatorKeyOrAddress.equals("bad")) {
      throw new IllegalArgumentException("not an operator key (64 hex characters) nor an address");
    }
    if (!operatorKeyOrAddress.equals(KEY)) {
      return Optional.empty();
    }
    return Optional.of(new HeartbeatView(KEY, 2, 6, List.of(2L, 3L, 5L, 6L), List.of(4L)));
  }

  @Override
  public List<AttestationView> attestationStats() {
    return List.of(new AttestationView(KEY, "free", "ACTIVE_SET", 5, 1, 5.0 / 6, 1, 6));
  }

  @Override
  public CompletableFuture<Registered> register(
      String tier, Optional<String> rewardAddress, Optional<String> networkAddress) {
    calls.add(List.of(tier, rewardAddress, networkAddress));
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    return CompletableFuture.completedFuture(
        new Registered(TXID, TXID + ":0", PENDING_KEY, "bronze", 100_000_000_000L, 1_000));
  }

  @Override
  public CompletableFuture<Deregistered> deregister(String collateralTxid) {
    calls.add(collateralTxid);
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    return CompletableFuture.completedFuture(
        new Deregistered("d2".repeat(32), collateralTxid + ":0", 1_000));
  }
}
