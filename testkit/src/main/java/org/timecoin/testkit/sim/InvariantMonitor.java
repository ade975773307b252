package org.timecoin.testkit.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Watches a run from outside the nodes and records every safety violation: two different blocks
 * finalized at one height (agreement), an invalid or unknown block finalized (validity), and an
 * honest validator signing two different messages for one slot (equivocation), a certificate not
 * made of a quorum of its height's validator set, and a consensus loop that halted. Its memory
 * outlives node crashes, so equivocation across a restart is caught too.
 */
final class InvariantMonitor {
  private record Slot(PublicKey signer, String kind, long height, int round) {}

  private final Map<Hash32, SyntheticBlock> blocks;
  private final Map<Long, Hash32> finalizedAt = new HashMap<>();
  private final Map<Slot, Hash32> signedByHonest = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private static final Hash32 NIL = Hash32.ZERO;

  /** {@code blocks}: every block built in the run, by hash. */
  InvariantMonitor(Map<Hash32, SyntheticBlock> blocks) {
    this.blocks = blocks;
  }

  List<String> violations() {
    return violations;
  }

  /** An honest validator signed and sent {@code proposal}. */
  void honestProposal(Proposal proposal) {
    checkSlot(
        new Slot(proposal.proposer(), "PROPOSAL", proposal.height(), proposal.round()),
        proposal.value(),
        proposal.toString());
  }

  /** An honest validator signed and sent {@code vote}. */
  void honestVote(Vote vote) {
    checkSlot(
        new Slot(vote.validator(), vote.type().name(), vote.height(), vote.round()),
        vote.isNil() ? NIL : vote.value(),
        vote.toString());
  }

  private void checkSlot(Slot slot, Hash32 value, String what) {
    Hash32 earlier = signedByHonest.putIfAbsent(slot, value);
    if (earlier != null && !earlier.equals(value)) {
      violations.add(
          "honest validator "
              + abbreviate(slot.signer().toHex())
              + " equivocated: "
              + slot.kind()
              + " h="
              + slot.height()
              + " r="
              + slot.round()
              + " first "
              + abbreviate(earlier.toHex())
              + " then "
              + what);
    }
  }

  /** Honest node {@code node} finalized {@code value} at {@code height}. */
  void honestFinalized(String node, long height, Hash32 value) {
    Hash32 first = finalizedAt.putIfAbsent(height, value);
    if (first != null && !first.equals(value)) {
      violations.add(
          "agreement: "
              + node
              + " finalized "
              + abbreviate(value.toHex())
              + " at height "
              + height
              + " where "
              + abbreviate(first.toHex())
              + " was finalized");
    }
    SyntheticBlock block = blocks.get(value);
    if (block == null) {
      violations.add(
          "validity: " + node + " finalized unknown value " + value.toHex() + " at " + height);
    } else if (!block.validAt(height)) {
      violations.add(
          "validity: " + node + " finalized invalid block " + block + " at height " + height);
    }
  }

  /**
   * The certificate an honest node finalized {@code value} at {@code height} with must hold
   * precommits of more than 2/3 of {@code validators}, the set of that height, and no other.
   */
  void certificate(
      String node, long height, Hash32 value, List<Vote> precommits, ValidatorSet validators) {
    Set<PublicKey> signers = new HashSet<>();
    long power = 0;
    for (Vote v : precommits) {
      if (!validators.contains(v.validator())) {
        violations.add(
            "certificate: "
                + node
                + " finalized height "
                + height
                + " with a precommit of "
                + abbreviate(v.validator().toHex())
                + ", not in the set of that height");
        return;
      }
      if (v.value() != null && v.value().equals(value) && signers.add(v.validator())) {
        power += validators.get(v.validator()).orElseThrow().votingPower();
      }
    }
    if (!validators.hasQuorum(power)) {
      violations.add(
          "certificate: " + node + " finalized height " + height + " without a quorum of its set");
    }
  }

  /** A node's consensus loop halted on an unexpected failure. */
  void nodeHalted(String node, long atMillis, Throwable cause) {
    violations.add("exception at " + atMillis + " ms in " + node + ": " + cause);
  }

  /** The value finalized at {@code height} by the first honest node to do so, if any. */
  Hash32 finalizedValue(long height) {
    return finalizedAt.get(height);
  }

  boolean agreesWith(long height, Hash32 value) {
    return Objects.equals(finalizedAt.get(height), value);
  }

  private static String abbreviate(String hex) {
    return hex.substring(0, 8);
  }
}
