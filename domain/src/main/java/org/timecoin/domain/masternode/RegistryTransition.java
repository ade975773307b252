package org.timecoin.domain.masternode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.masternode.MasternodeRecord.Status;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;

/**
 * What applying a valid block does to the registry, as a pure function of the registry before it.
 * In order:
 *
 * <ol>
 *   <li>Liveness: every signer of the block's lastCommit (the certificate of block h − 1) gets
 *       lastSignedHeight = h − 1 and one more signed certificate.
 *   <li>Transactions, in block order: an input that spends a registered collateral deletes that
 *       masternode (the rules have checked it is in neither the current nor the next set); a
 *       registration adds a PENDING record whose owner is the collateral's address; a
 *       deregistration marks its masternode LEAVING at h.
 *   <li>When h = k·E with k ≥ 1, the set of epoch k + 1 is computed from the registry at that point
 *       (see {@link #nextSet}).
 * </ol>
 */
public final class RegistryTransition {
  private static final Comparator<MasternodeRecord> BY_REGISTRATION =
      Comparator.comparingLong(MasternodeRecord::registeredHeight)
          .thenComparing(MasternodeRecord::operatorKey);

  private RegistryTransition() {}

  /** The registry of a new chain: the genesis validators' records. */
  public static List<MasternodeRecord> genesisRecords(ValidatorSet genesis) {
    return genesis.validators().stream().map(MasternodeRecord::genesis).toList();
  }

  /** The change {@code block} (valid, and the next after {@code registry}'s) makes to it. */
  public static RegistryDelta apply(RegistryView registry, Block block, ConsensusParams params) {
    return apply(
        registry,
        block.height(),
        block.txs(),
        signers(block.lastCommit()),
        params.epochBlocks(),
        params.removalBlocks());
  }

  /** The keys that signed {@code lastCommit}, in its order. */
  public static List<PublicKey> signers(LastCommit lastCommit) {
    return lastCommit.signatures().stream().map(CommitSignature::validator).toList();
  }

  /**
   * The change block {@code height} makes to {@code registry}.
   *
   * @param txs the block's transactions, coinbase first
   * @param lastCommitSigners keys that signed the block's lastCommit (empty at height 1)
   */
  public static RegistryDelta apply(
      RegistryView registry,
      long height,
      List<Transaction> txs,
      List<PublicKey> lastCommitSigners,
      long epochBlocks,
      long removalBlocks) {
    RegistryOverlay overlay = new RegistryOverlay(registry);
    recordSignatures(overlay, height, lastCommitSigners);
    for (Transaction tx : txs) {
      applyTransaction(overlay, tx, height);
    }
    long epoch = Epochs.epochComputedAfter(height, epochBlocks);
    ValidatorSet newSet =
        epoch < 0
            ? null
            : nextSet(overlay, height, epochBlocks, removalBlocks, ValidatorSet.MAX_VALIDATORS);
    return new RegistryDelta(deletes(overlay), overlay.puts(), epoch, newSet);
  }

  /** Applies the liveness record of block {@code height}'s lastCommit to {@code overlay}. */
  public static void recordSignatures(
      RegistryOverlay overlay, long height, List<PublicKey> lastCommitSigners) {
    if (height == 1 && !lastCommitSigners.isEmpty()) {
      throw new IllegalArgumentException("block 1 has no previous block to sign");
    }
    for (PublicKey signer : lastCommitSigners) {
      MasternodeRecord record =
          overlay
              .byOperatorKey(signer)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "signer " + signer + " of block " + (height - 1) + " has no record"));
      overlay.put(record.signed(height - 1));
    }
  }

  /** Applies what {@code tx} (already validated) does to {@code overlay} at {@code height}. */
  public static void applyTransaction(RegistryOverlay overlay, Transaction tx, long height) {
    for (TxIn in : tx.inputs()) {
      overlay.byCollateral(in.prev()).ifPresent(r -> overlay.delete(r.operatorKey()));
    }
    switch (tx.payload()) {
      case null -> {}
      case MasternodeRegistration reg -> {
        Address owner = Address.fromPublicKey(tx.inputs().get(0).pubKey());
        overlay.putRegistration(MasternodeRecord.registered(reg, tx.outPoint(0), owner, height));
      }
      case MasternodeDeregistration dereg -> {
        OutPoint collateral = dereg.collateral();
        MasternodeRecord record =
            overlay
                .byCollateral(collateral)
                .orElseThrow(
                    () -> new IllegalStateException("deregistration of unknown " + collateral));
        overlay.put(record.leaving(height));
      }
    }
  }

  /**
   * The set of epoch k + 1, computed right after block {@code height} = k·E: every record that is
   * not REMOVED, not LEAVING, and not inactive beyond {@code removalBlocks} (its last signed
   * height, or its entered height if it never signed, below k·E − removalBlocks; such a record
   * becomes REMOVED). PENDING records enter with enteredHeight = the first height of epoch k + 1,
   * oldest registration first, while the set has room ({@code maxValidators}); the others wait for
   * a later boundary. If nothing would be left, the current set carries over unchanged (a chain
   * without validators could never make another block) and no record changes.
   */
  static ValidatorSet nextSet(
      RegistryOverlay overlay,
      long height,
      long epochBlocks,
      long removalBlocks,
      int maxValidators) {
    long newEpoch = Epochs.epochComputedAfter(height, epochBlocks);
    long firstHeight = Epochs.firstHeight(newEpoch, epochBlocks);
    long oldestLive = height - removalBlocks;
    List<MasternodeRecord> changed = new ArrayList<>();
    List<Validator> members = new ArrayList<>();
    List<MasternodeRecord> pending = new ArrayList<>();
    overlay.forEachRecord(
        r -> {
          switch (r.status()) {
            case REMOVED, LEAVING -> {}
            case PENDING -> pending.add(r);
            case ACTIVE_SET -> {
              long lastSeen = r.lastSignedHeight() >= 0 ? r.lastSignedHeight() : r.enteredHeight();
              if (lastSeen < oldestLive) {
                changed.add(r.withStatus(Status.REMOVED));
              } else {
                members.add(r.toValidator());
              }
            }
          }
        });
    pending.sort(BY_REGISTRATION);
    for (MasternodeRecord r : pending) {
      if (members.size() >= maxValidators) {
        break;
      }
      changed.add(r.entering(firstHeight));
      members.add(r.toValidator());
    }
    if (members.isEmpty()) {
      return Epochs.setOf(overlay, newEpoch - 1);
    }
    changed.forEach(overlay::put);
    return new ValidatorSet(members);
  }

  private static List<MasternodeRecord> deletes(RegistryOverlay overlay) {
    List<MasternodeRecord> deletes = new ArrayList<>();
    for (MasternodeRecord old : overlay.replacedOrDeleted()) {
      var now = overlay.byOperatorKey(old.operatorKey());
      if (now.isEmpty() || !Objects.equals(now.get().collateral(), old.collateral())) {
        deletes.add(old);
      }
    }
    return deletes;
  }
}
