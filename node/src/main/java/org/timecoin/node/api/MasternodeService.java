package org.timecoin.node.api;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The masternode registry as RPC sees it: the registered masternodes with their liveness, this
 * node's own standing, the heights a masternode signed and missed, and registration and
 * deregistration through the node's wallet. Keys are hex, addresses are text of the node's network,
 * outpoints are {@code txid:vout}.
 */
public interface MasternodeService {
  /** Most heights {@link #heartbeat} looks at in one call. */
  int MAX_HEARTBEAT_LIMIT = 1_000;

  /** Every record of the registry, genesis validators included, in operator-key order. */
  List<MasternodeView> masternodes();

  /** This node's operator key and what the registry says of it. */
  MasternodeStatusView status();

  /**
   * The heights of the last {@code limit} (1..{@link #MAX_HEARTBEAT_LIMIT}) whose certificate the
   * masternode was expected to sign, split into signed and missed; empty when no masternode has
   * this operator key (hex) or address (of its operator key, else its reward address).
   *
   * @throws IllegalArgumentException when the text is neither a key nor an address of this network,
   *     or the limit is out of range
   */
  Optional<HeartbeatView> heartbeat(String operatorKeyOrAddress, int limit);

  /** Per masternode that ever entered a set: certificates signed and missed since entering. */
  List<AttestationView> attestationStats();

  /**
   * Registers this node's operator key as a masternode of {@code tier} (its name, any case): the
   * wallet locks the tier's collateral in output 0, paid to the address of input 0's key, signs the
   * inputs and the operator signature, and submits. Fails with a {@link WalletException}: an
   * unknown or unregistrable tier, a bad address, a locked wallet, funds below the collateral and
   * fee, an operator key already registered, or the mempool's refusal.
   *
   * @param rewardAddress where rewards go; empty: {@code [masternode] reward_address}, else the
   *     collateral's address
   * @param networkAddress host:port peers reach the masternode at; empty: the P2P listen address
   */
  CompletableFuture<Registered> register(
      String tier, Optional<String> rewardAddress, Optional<String> networkAddress);

  /**
   * Deregisters the masternode whose collateral is output 0 of {@code collateralTxid} (64 hex
   * characters), signed by the wallet key the collateral pays. Fails with a {@link
   * WalletException}: no such masternode, already leaving, a collateral the wallet does not own, a
   * locked wallet, funds below the fee, or the mempool's refusal.
   */
  CompletableFuture<Deregistered> deregister(String collateralTxid);

  /** A registration the mempool admitted. */
  record Registered(
      String txid, String collateral, String operatorKey, String tier, long amount, long fee) {}

  /** A deregistration the mempool admitted. */
  record Deregistered(String txid, String collateral, long fee) {}
}
