package org.timecoin.node.masternode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.domain.masternode.Liveness;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.node.chain.LocalChain;

/**
 * What the chain knows of its masternodes, read-only, for the RPC methods and tools: the registry
 * records, the validator set of each height, who signed each block (from the certificates the
 * blocks carry) and whether a masternode is active now. Reads the store; never call it from a
 * network event loop.
 */
public final class Masternodes {
  private final LocalChain chain;
  private final ConsensusParams params;

  public Masternodes(LocalChain chain) {
    this.chain = chain;
    this.params = chain.genesis().params();
  }

  /** The finalized tip's height: what the answers below are as of. */
  public long height() {
    return chain.height();
  }

  /** Every record, in operator-key order. */
  public List<MasternodeRecord> records() {
    List<MasternodeRecord> all = new ArrayList<>();
    chain.registry().forEachRecord(all::add);
    return all;
  }

  public Optional<MasternodeRecord> record(PublicKey operatorKey) {
    return chain.registry().byOperatorKey(operatorKey);
  }

  public Optional<MasternodeRecord> recordByCollateral(OutPoint collateral) {
    return chain.registry().byCollateral(collateral);
  }

  /** The set that votes at {@code height}; empty when its epoch's set is not fixed yet. */
  public Optional<ValidatorSet> validatorsAt(long height) {
    return Optional.ofNullable(chain.validatorsAt(height));
  }

  /** The epoch of {@code height} (≥ 1). */
  public long epochOf(long height) {
    return Epochs.epochOf(height, params.epochBlocks());
  }

  /** The first height of {@code epoch}. */
  public long firstHeight(long epoch) {
    return Epochs.firstHeight(epoch, params.epochBlocks());
  }

  /**
   * The earliest epoch, among the current one (that of the next height) and the next one, whose set
   * holds {@code operatorKey}: when it votes (or starts to); empty when it is in neither.
   */
  public Optional<Long> votingEpoch(PublicKey operatorKey) {
    long next = chain.height() + 1;
    long epoch = epochOf(next);
    for (long e = epoch; e <= epoch + 1; e++) {
      ValidatorSet set = chain.validatorsAt(firstHeight(e));
      if (set != null && set.contains(operatorKey)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The keys that signed the certificate of block {@code height} (≥ 1): as block {@code height + 1}
   * carries it (its lastCommit, what liveness counts), or for the tip the certificate stored here;
   * empty above the tip.
   */
  public Optional<List<PublicKey>> signersOf(long height) {
    if (height < 1 || height > chain.height()) {
      return Optional.empty();
    }
    Optional<Block> child = chain.store().blocks().blockAt(height + 1);
    if (child.isPresent()) {
      return Optional.of(keys(child.get().lastCommit().signatures()));
    }
    return chain
        .store()
        .blocks()
        .certificateAt(height)
        .map(CommitCertificate::signatures)
        .map(Masternodes::keys);
  }

  /**
   * Whether {@code operatorKey} is in the set voting at the next height and active there (signed
   * one of the last {@code inactivityBlocks} blocks, or entered the set less long ago): what the
   * next block's coinbase would pay it for, counting signatures up to the tip's lastCommit.
   */
  public boolean isActive(PublicKey operatorKey) {
    long next = chain.height() + 1;
    ValidatorSet set = chain.validatorsAt(next);
    if (set == null || !set.contains(operatorKey)) {
      return false;
    }
    return record(operatorKey)
        .map(r -> Liveness.activeAt(r, next, params.inactivityBlocks()))
        .orElse(false);
  }

  private static List<PublicKey> keys(List<CommitSignature> signatures) {
    return signatures.stream().map(CommitSignature::validator).toList();
  }
}
