package org.timecoin.node.fastsync;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CertificateResult;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.masternode.Epochs;
import org.timecoin.node.net.SnapshotMessages.EpochProof;

/**
 * The validator set of every epoch, learned from genesis alone. Epochs 0 and 1 are run by the
 * genesis set; every header of epoch e names the set of epoch e + 1 ({@code nextValidatorsHash}),
 * so a header of epoch e certified by the set of e proves the set of e + 1. One proof per epoch
 * (its last header) takes a new node from genesis to any height without replaying a block.
 *
 * <p>Not thread-safe: owned by the fast sync's thread. Pure apart from the signature checks.
 */
final class EpochProofChain {
  private final Hash32 chainId;
  private final long epochBlocks;
  private final TreeMap<Long, ValidatorSet> sets = new TreeMap<>();

  EpochProofChain(Hash32 chainId, ValidatorSet genesisSet, long epochBlocks) {
    this.chainId = chainId;
    this.epochBlocks = epochBlocks;
    for (long e = 0; e < Epochs.GENESIS_EPOCHS; e++) {
      sets.put(e, genesisSet);
    }
  }

  /** A proof refused, with the reason; its sender is to blame. */
  static final class BadProof extends Exception {
    BadProof(String message) {
      super(message);
    }
  }

  /** The set of {@code epoch}, if proven. */
  Optional<ValidatorSet> set(long epoch) {
    return Optional.ofNullable(sets.get(epoch));
  }

  /** The highest epoch whose set is proven. */
  long provenEpoch() {
    return sets.lastKey();
  }

  /** The set that certifies {@code height}, if proven. */
  Optional<ValidatorSet> setAt(long height) {
    return set(Epochs.epochOf(height, epochBlocks));
  }

  /**
   * The height whose proof proves the set after the proven ones: the last height of the highest
   * proven epoch (epoch k holds heights k·E + 1 … (k + 1)·E).
   */
  long nextProofHeight() {
    return (provenEpoch() + 1) * epochBlocks;
  }

  /**
   * Checks {@code proof} (its header's certificate against the set of the header's epoch, which
   * must be proven, and its next set against the header) and learns the set it proves.
   *
   * @throws BadProof naming what is wrong; nothing is learned then
   */
  void accept(EpochProof proof) throws BadProof {
    BlockHeader header = proof.header();
    if (header.height() < 1) {
      throw new BadProof("an epoch proof for height 0");
    }
    if (!header.chainId().equals(chainId)) {
      throw new BadProof("header " + header.height() + " is of chain " + header.chainId());
    }
    long epoch = Epochs.epochOf(header.height(), epochBlocks);
    ValidatorSet set = sets.get(epoch);
    if (set == null) {
      throw new BadProof(
          "header " + header.height() + " is in epoch " + epoch + ", whose set is not proven yet");
    }
    CertificateResult cert = proof.certificate().verifyFor(header, set);
    if (!cert.isValid()) {
      throw new BadProof("header " + header.height() + ": " + cert.detail());
    }
    if (!proof.nextSet().hash().equals(header.nextValidatorsHash())) {
      throw new BadProof(
          "the set sent with header " + header.height() + " is not the one it names as next");
    }
    ValidatorSet known = sets.get(epoch + 1);
    if (known != null && !known.hash().equals(proof.nextSet().hash())) {
      // Two certified headers disagree: the chain forked beyond what BFT allows. Refuse it.
      throw new BadProof(
          "header " + header.height() + " names another set for epoch " + (epoch + 1));
    }
    sets.put(epoch + 1, proof.nextSet());
  }

  /** The proven sets, by epoch. */
  Map<Long, ValidatorSet> sets() {
    return Collections.unmodifiableMap(sets);
  }
}
