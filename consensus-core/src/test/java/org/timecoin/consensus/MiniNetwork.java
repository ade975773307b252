package org.timecoin.consensus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.VoteType;

/**
 * Four engines in one thread with a seeded adversarial scheduler: random delivery order, timeouts
 * fired at random, crashes that lose the unsynced WAL tail, and optionally validator 3 Byzantine
 * (equivocating proposals and votes). Records what the invariants need.
 */
final class MiniNetwork {
  record Job(int to, Input input) {}

  final Fixture f = Fixture.equal(4);
  final Random rnd;
  final boolean byzantine;
  final int honest;
  final int heights;
  final ConsensusEngine[] engines = new ConsensusEngine[4];
  final InMemoryWal[] wals = new InMemoryWal[4];
  final InMemorySignGuard[] guards = new InMemorySignGuard[4];
  final List<Job> pending = new ArrayList<>();
  final List<Job> timers = new ArrayList<>();
  final Set<Input> gossiped = new java.util.LinkedHashSet<>();
  final Map<Long, Map<Integer, Hash32>> decided = new HashMap<>();
  final Map<String, Object> signedBy = new HashMap<>();
  final Set<String> byzantineActed = new HashSet<>();
  final List<String> violations = new ArrayList<>();
  private final Map<String, Vote> byzantineVotes = new HashMap<>();
  private final Set<org.timecoin.domain.block.CommitCertificate> verified = new HashSet<>();
  int crashes;

  MiniNetwork(long seed, boolean byzantine, int heights) {
    this.rnd = new Random(seed);
    this.byzantine = byzantine;
    this.honest = byzantine ? 3 : 4;
    this.heights = heights;
    for (int i = 0; i < honest; i++) {
      wals[i] = new InMemoryWal();
      guards[i] = new InMemorySignGuard();
      engines[i] = newEngine(i);
      pending.add(new Job(i, f.start(1)));
    }
  }

  private ConsensusEngine newEngine(int i) {
    return new ConsensusEngine(
        ConsensusState.initial(ConsensusParams.DEFAULT, f.pk(i)),
        Fixture.CHAIN,
        f.signer(i),
        MessageVerifier.PREVERIFIED,
        wals[i],
        guards[i]);
  }

  /** Adversarial phase: {@code steps} random actions. */
  void chaos(int steps) {
    for (int s = 0; s < steps && !(pending.isEmpty() && timers.isEmpty()); s++) {
      int dice = rnd.nextInt(100);
      if (dice < 1 && rnd.nextInt(3) == 0) {
        crash(rnd.nextInt(honest));
      } else if (dice < 12 && !timers.isEmpty()) {
        deliver(timers.remove(rnd.nextInt(timers.size())));
      } else if (!pending.isEmpty()) {
        deliver(pending.remove(rnd.nextInt(pending.size())));
      }
    }
  }

  /**
   * Synchronous phase: messages in order, a timeout only when no message is in flight, and every
   * message seen so far gossiped again at the start and after every few timeouts (as peers re-send
   * what a lagging node misses). Returns whether every honest node decided every height.
   */
  boolean settle(int maxSteps, int maxRegossips) {
    int regossips = 0;
    int timeoutsSinceGossip = Integer.MAX_VALUE;
    for (int s = 0; s < maxSteps && !allDecided(); s++) {
      if (!pending.isEmpty()) {
        deliver(pending.remove(0));
      } else if ((timeoutsSinceGossip >= 6 || timers.isEmpty()) && regossips < maxRegossips) {
        regossips++;
        timeoutsSinceGossip = 0;
        for (Input in : List.copyOf(gossiped)) {
          for (int i = 0; i < honest; i++) {
            pending.add(new Job(i, in));
          }
        }
      } else if (!timers.isEmpty()) {
        timeoutsSinceGossip++;
        deliver(timers.remove(0));
      } else {
        return false;
      }
    }
    return allDecided();
  }

  boolean allDecided() {
    Map<Integer, Hash32> last = decided.get((long) heights);
    return last != null && last.size() == honest;
  }

  void crash(int i) {
    crashes++;
    wals[i] = wals[i].afterCrash(rnd.nextInt(3));
    engines[i] = newEngine(i);
    pending.removeIf(j -> j.to() == i && isLocal(j.input()));
    timers.removeIf(j -> j.to() == i);
    // Like the runtime's per-height WAL segments: replay from the last StartHeight on.
    List<Input> log = wals[i].records();
    int from = 0;
    for (int k = 0; k < log.size(); k++) {
      if (log.get(k) instanceof Input.StartHeight) {
        from = k;
      }
    }
    handleEffects(i, engines[i].replay(log.subList(from, log.size())));
    // The runtime restarts at the height after its last stored block, whatever the WAL kept.
    long next = nextHeight(i);
    if (engines[i].state().step() == Step.NEW_HEIGHT || engines[i].state().height() < next) {
      pending.add(new Job(i, new Input.StartHeight(next, f.set)));
    }
  }

  private long nextHeight(int i) {
    long h = 1;
    while (h < heights && decided.getOrDefault(h, Map.of()).containsKey(i)) {
      h++;
    }
    return h;
  }

  private static boolean isLocal(Input in) {
    return !(in instanceof Input.ProposalReceived || in instanceof Input.VoteReceived);
  }

  private void deliver(Job job) {
    if (job.to() >= honest) {
      byzantineReact(job.input());
      return;
    }
    if (!isLocal(job.input())) {
      gossiped.add(job.input()); // honest nodes relay what they receive
    }
    handleEffects(job.to(), engines[job.to()].handle(job.input()));
  }

  private void handleEffects(int i, List<Effect> effects) {
    for (Effect e : effects) {
      switch (e) {
        case Effect.BroadcastProposal bp -> {
          recordSigned(i, bp.proposal().height(), bp.proposal().round(), "P", bp.proposal());
          broadcast(i, new Input.ProposalReceived(bp.proposal()));
        }
        case Effect.BroadcastVote bv -> {
          Vote v = bv.vote();
          recordSigned(i, v.height(), v.round(), v.type().name(), v.value());
          broadcast(i, new Input.VoteReceived(v));
        }
        case Effect.ScheduleTimeout t ->
            timers.add(new Job(i, new Input.TimeoutElapsed(t.kind(), t.height(), t.round())));
        case Effect.RequestValue rv ->
            pending.add(
                new Job(
                    i,
                    new Input.ValueToPropose(
                        rv.height(), rv.round(), block(i, rv.height(), rv.round()))));
        case Effect.ValidateBlock vb ->
            pending.add(new Job(i, new Input.BlockValidated(vb.height(), vb.value(), true)));
        case Effect.Decide d -> decide(i, d);
        case Effect.EvidenceFound ev -> {}
        case Effect.RoundChanged rc -> {}
        case Effect.Rejected r -> violations.add("honest message rejected: " + r);
        case Effect.SignProposal sp -> violations.add("engine leaked " + sp);
        case Effect.SignVote sv -> violations.add("engine leaked " + sv);
      }
    }
  }

  private void decide(int i, Effect.Decide d) {
    if (!verified.contains(d.certificate())) {
      if (d.certificate().verify(f.set, Fixture.CHAIN).isValid()) {
        verified.add(d.certificate());
      } else {
        violations.add("invalid certificate " + d);
      }
    }
    Map<Integer, Hash32> atHeight = decided.computeIfAbsent(d.height(), h -> new HashMap<>());
    Hash32 before = atHeight.putIfAbsent(i, d.value());
    if (before != null && !before.equals(d.value())) {
      violations.add("node " + i + " decided twice at " + d.height());
    }
    for (Hash32 other : atHeight.values()) {
      if (!other.equals(d.value())) {
        violations.add("agreement violated at height " + d.height());
      }
    }
    if (d.height() < heights) {
      pending.add(new Job(i, new Input.StartHeight(d.height() + 1, f.set)));
    }
  }

  private void recordSigned(int i, long h, int r, String step, Object content) {
    Object prev = signedBy.putIfAbsent(i + "/" + h + "/" + r + "/" + step, content);
    if (prev != null && !prev.equals(content)) {
      violations.add("node " + i + " signed two " + step + " at h=" + h + " r=" + r);
    }
  }

  private void broadcast(int from, Input in) {
    gossiped.add(in);
    for (int i = 0; i < 4; i++) {
      if (i != from && (i < honest || byzantine)) {
        pending.add(new Job(i, in));
      }
    }
  }

  static Hash32 block(int proposer, long h, int r) {
    return Sha256.hash(("block " + proposer + "/" + h + "/" + r).getBytes(StandardCharsets.UTF_8));
  }

  /** Validator 3: on the first message of each (h, r) it equivocates on everything it may send. */
  private void byzantineReact(Input in) {
    long h;
    int r;
    Hash32 seen;
    switch (in) {
      case Input.ProposalReceived pr -> {
        h = pr.proposal().height();
        r = pr.proposal().round();
        seen = pr.proposal().value();
      }
      case Input.VoteReceived vr -> {
        h = vr.vote().height();
        r = vr.vote().round();
        seen = vr.vote().value();
      }
      default -> {
        return;
      }
    }
    if (!byzantineActed.add(h + "/" + r + "/" + (seen == null ? "nil" : seen.toHex()))) {
      return;
    }
    Hash32 mine = block(3, h, r);
    Hash32[] choices = {seen, mine, null};
    if (f.proposer(h, r) == 3) {
      for (int to = 0; to < honest; to++) {
        Hash32 v = to % 2 == 0 ? mine : block(3, h, r + 1000);
        pending.add(
            new Job(to, new Input.ProposalReceived(Fixture.proposal(f.keys.get(3), h, r, v, -1))));
      }
    }
    for (int to = 0; to < honest; to++) {
      for (VoteType t : VoteType.values()) {
        Hash32 v = choices[rnd.nextInt(choices.length)];
        Vote vote =
            byzantineVotes.computeIfAbsent(
                t + "/" + h + "/" + r + "/" + v, k -> Fixture.vote(f.keys.get(3), t, h, r, v));
        pending.add(new Job(to, new Input.VoteReceived(vote)));
      }
    }
  }
}
