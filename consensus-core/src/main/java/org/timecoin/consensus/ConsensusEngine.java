package org.timecoin.consensus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.VoteType;

/**
 * The synchronous driver that the runtime and the simulation share. Still free of threads, clocks
 * and I/O: it reaches the outside only through its ports. Not thread-safe: one owner calls it.
 *
 * <p>For each input: check its signature ({@link MessageVerifier}), drop it if it would change
 * nothing ({@link ConsensusCore#changes}: another height, a duplicate, a full buffer — so nothing
 * outside the window reaches the WAL), append it to the {@link WalPort}, apply it with {@link
 * ConsensusCore#apply}. Each {@link Effect.SignProposal} or {@link Effect.SignVote} is checked by
 * the {@link SignGuard} against the durable {@link LastSigned} (stored before signing), signed by
 * the {@link Signer}, fed back into the core as an input (so our own votes count, and are in the
 * WAL, fsynced), and returned as {@link Effect.BroadcastProposal} / {@link Effect.BroadcastVote}.
 * Everything the runtime must carry out is in the returned list, which the caller only sees after
 * the WAL and the guard are durable.
 *
 * <p>If a port throws (a full disk, say), the exception propagates and nothing of that call may be
 * sent; the engine must then be dropped and a new one rebuilt with {@link #replay}.
 */
public final class ConsensusEngine {
  private final Hash32 chainId;
  private final Signer signer;
  private final MessageVerifier verifier;
  private final WalPort wal;
  private final SignGuardPort guard;
  private ConsensusState state;
  private Optional<LastSigned> lastSigned;
  private boolean replaying;

  /**
   * @param signer this node's key, or null for a follower; its key must be the state's {@code self}
   */
  public ConsensusEngine(
      ConsensusState initial,
      Hash32 chainId,
      Signer signer,
      MessageVerifier verifier,
      WalPort wal,
      SignGuardPort guard) {
    this.state = Objects.requireNonNull(initial, "initial");
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.signer = signer;
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.wal = Objects.requireNonNull(wal, "wal");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.lastSigned = guard.load();
    if (signer != null && !initial.self().equals(Optional.of(signer.publicKey()))) {
      throw new IllegalArgumentException("signer key is not the state's validator key");
    }
  }

  public ConsensusState state() {
    return state;
  }

  /** The last signed position known to the guard. */
  public Optional<LastSigned> lastSigned() {
    return lastSigned;
  }

  /** Handles one input from the runtime; returns the effects to carry out, in order. */
  public List<Effect> handle(Input input) {
    List<Effect> out = new ArrayList<>();
    if (!signatureOk(input)) {
      out.add(new Effect.Rejected(input, RejectReason.BAD_SIGNATURE));
      return out;
    }
    run(input, false, out);
    return out;
  }

  /**
   * Rebuilds the state after a restart from the inputs of the WAL (of the current height), without
   * appending them again. Returns the effects still worth carrying out, each once: timeouts of the
   * final round, validations still unanswered, our own signed messages found in the log (for
   * re-broadcast; a message is signed again only if the guard allows it, i.e. it is new or the very
   * one signed last), decisions and evidence.
   */
  public List<Effect> replay(List<Input> inputs) {
    List<Effect> all = new ArrayList<>();
    replaying = true;
    try {
      for (Input in : inputs) {
        run(in, false, all);
      }
    } finally {
      replaying = false;
    }
    return stillRelevant(all);
  }

  private void run(Input first, boolean ownFirst, List<Effect> out) {
    Deque<Input> queue = new ArrayDeque<>();
    Deque<Boolean> own = new ArrayDeque<>();
    queue.add(first);
    own.add(ownFirst);
    while (!queue.isEmpty()) {
      Input in = queue.poll();
      boolean mine = own.poll();
      if (!mine && !ConsensusCore.changes(state, in)) {
        continue; // outside the window, or held already: neither logged nor applied
      }
      if (!replaying) {
        List<Input> carried = carriedInto(in);
        wal.append(in, mine); // own signed messages are durable before anyone sees them
        // The core applies these now, but they were logged under the previous height, whose
        // segment a WAL may drop on StartHeight: log them again after it, so that the new
        // height's records alone rebuild its state (a lost buffered proposal loses the lock).
        for (Input b : carried) {
          wal.append(b, false);
        }
      } else {
        ownFromLog(in).ifPresent(out::add); // already signed: safe to send again after restart
      }
      Transition t = ConsensusCore.apply(state, in);
      state = t.state();
      for (Effect e : t.effects()) {
        switch (e) {
          case Effect.SignProposal sp -> {
            Proposal p = signProposal(sp);
            if (p != null) {
              queue.add(new Input.ProposalReceived(p));
              own.add(true);
              out.add(new Effect.BroadcastProposal(p));
            }
          }
          case Effect.SignVote sv -> {
            Vote v = signVote(sv);
            if (v != null) {
              queue.add(new Input.VoteReceived(v));
              own.add(true);
              out.add(new Effect.BroadcastVote(v));
            }
          }
          default -> out.add(e);
        }
      }
    }
  }

  /** The buffered next-height inputs that the core will apply together with {@code in}. */
  private List<Input> carriedInto(Input in) {
    if (in instanceof Input.StartHeight sh
        && state.step() != Step.NEW_HEIGHT
        && sh.height() == state.height() + 1) {
      return List.copyOf(state.bufferedForNextHeight());
    }
    return List.of();
  }

  private Optional<Effect> ownFromLog(Input in) {
    if (signer == null) {
      return Optional.empty();
    }
    return switch (in) {
      case Input.ProposalReceived pr when pr.proposal().proposer().equals(signer.publicKey()) ->
          Optional.of(new Effect.BroadcastProposal(pr.proposal()));
      case Input.VoteReceived vr when vr.vote().validator().equals(signer.publicKey()) ->
          Optional.of(new Effect.BroadcastVote(vr.vote()));
      default -> Optional.empty();
    };
  }

  private boolean signatureOk(Input input) {
    return switch (input) {
      case Input.ProposalReceived pr -> verifier.verify(pr.proposal());
      case Input.VoteReceived vr -> verifier.verify(vr.vote());
      case Input.StartHeight sh -> true;
      case Input.TimeoutElapsed te -> true;
      case Input.BlockValidated bv -> true;
      case Input.ValueToPropose vp -> true;
    };
  }

  private Proposal signProposal(Effect.SignProposal sp) {
    byte[] bytes =
        MessageSigning.proposalSignBytes(
            chainId, sp.height(), sp.round(), sp.value(), sp.validRound());
    byte[] sig = guardedSign(sp.height(), sp.round(), Step.PROPOSE, bytes);
    return sig == null
        ? null
        : new Proposal(
            sp.height(), sp.round(), sp.value(), sp.validRound(), signer.publicKey(), sig);
  }

  private Vote signVote(Effect.SignVote sv) {
    byte[] bytes =
        MessageSigning.voteSignBytes(chainId, sv.type(), sv.height(), sv.round(), sv.value());
    Step step = sv.type() == VoteType.PREVOTE ? Step.PREVOTE : Step.PRECOMMIT;
    byte[] sig = guardedSign(sv.height(), sv.round(), step, bytes);
    return sig == null
        ? null
        : new Vote(sv.type(), sv.height(), sv.round(), sv.value(), signer.publicKey(), sig);
  }

  /** Signs only what the guard allows; stores the new position durably first. */
  private byte[] guardedSign(long height, int round, Step step, byte[] bytes) {
    if (signer == null) {
      return null;
    }
    LastSigned next = new LastSigned(height, round, step, Sha256.hash(bytes));
    switch (SignGuard.check(lastSigned, next)) {
      case REFUSE -> {
        return null;
      }
      case SIGN -> {
        guard.store(next);
        lastSigned = Optional.of(next);
      }
      case RESIGN -> {}
    }
    return signer.sign(bytes);
  }

  private List<Effect> stillRelevant(List<Effect> all) {
    List<Effect> keep = new ArrayList<>();
    for (Effect e : all) {
      boolean relevant =
          switch (e) {
            case Effect.ScheduleTimeout t ->
                t.height() == state.height() && t.round() == state.round();
            case Effect.ValidateBlock v ->
                v.height() == state.height() && state.validity(v.value()).isEmpty();
            case Effect.RequestValue r ->
                r.height() == state.height()
                    && r.round() == state.round()
                    && state.step() == Step.PROPOSE;
            case Effect.BroadcastProposal p -> true;
            case Effect.BroadcastVote v -> true;
            case Effect.Decide d -> true;
            case Effect.EvidenceFound ev -> true;
            case Effect.RoundChanged rc -> false;
            case Effect.Rejected r -> false;
            case Effect.SignProposal sp -> false;
            case Effect.SignVote sv -> false;
          };
      if (relevant && !keep.contains(e)) {
        keep.add(e);
      }
    }
    return keep;
  }
}
