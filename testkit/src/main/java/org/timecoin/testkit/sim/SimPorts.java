package org.timecoin.testkit.sim;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.timecoin.consensus.EquivocationEvidence;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.RoundChangeCause;
import org.timecoin.consensus.TimeoutKind;
import org.timecoin.consensus.Vote;
import org.timecoin.consensus.runtime.ConsensusListener;
import org.timecoin.consensus.runtime.ConsensusPorts;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.ValidatorSet;

/**
 * The ports of one life of a simulated node's consensus loop: gossip over the simulated network
 * (through the node's {@link Behaviour}), block production and validation of synthetic blocks on
 * virtual time, and the node's stored chain. A port called after its life ended (the node crashed
 * while the loop was still carrying out effects) does nothing, as a dead process would.
 */
final class SimPorts implements ConsensusPorts<SyntheticBlock>, ConsensusListener {
  private final SimNode node;
  private final SimRun run;
  private final int life;

  SimPorts(SimNode node, int life) {
    this.node = node;
    this.run = node.run();
    this.life = life;
  }

  private boolean dead() {
    return !node.alive(life);
  }

  @Override
  public ValidatorSet validatorsAt(long height) {
    run.heightStarting(node, height); // a scenario may crash the node here
    return run.validatorsAt(height);
  }

  @Override
  public void broadcastProposal(Proposal proposal, SyntheticBlock block) {
    if (!dead()) {
      node.sendOwn(proposal, block);
    }
  }

  @Override
  public void broadcastVote(Vote vote) {
    if (!dead()) {
      node.sendOwn(vote);
    }
  }

  @Override
  public CompletionStage<SyntheticBlock> produce(long height, int round) {
    if (dead()) {
      return new CompletableFuture<>(); // never: the process is gone
    }
    SyntheticBlock block = node.behaviour().buildBlock(node, height, round);
    node.remember(block);
    return CompletableFuture.completedFuture(block);
  }

  @Override
  public boolean hasPendingTransactions() {
    return true; // blocks every block interval
  }

  @Override
  public CompletionStage<Boolean> validate(long height, SyntheticBlock block) {
    boolean valid = block.validAt(height);
    if (!valid && node.honest()) {
      run.count(RunEvents.INVALID_BLOCKS_REFUSED);
    }
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    run.scheduler()
        .scheduleAfterNanos(run.validationDelayNanos(node.random()), () -> result.complete(valid));
    return result;
  }

  @Override
  public CompletionStage<Void> finalizeBlock(SyntheticBlock block, CommitCertificate certificate) {
    if (!dead()) {
      node.decided(block, certificate);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public ConsensusListener listener() {
    return this;
  }

  @Override
  public void rejected(Input input, RejectReason reason) {
    run.log("%s rejected %s: %s", node, input, reason);
    run.metrics().messageRejected();
    if (node.honest()) {
      run.count(RunEvents.rejected(reason));
    }
  }

  @Override
  public void equivocation(EquivocationEvidence evidence) {
    run.metrics().evidenceFound();
    if (node.honest()) {
      run.count(RunEvents.EVIDENCE);
    }
  }

  @Override
  public void roundChanged(long height, int oldRound, int newRound, RoundChangeCause cause) {
    run.log("%s round %d -> %d at h=%d (%s)", node, oldRound, newRound, height, cause);
    if (node.honest()) {
      run.metrics().roundEntered(height, newRound);
    }
  }

  @Override
  public void timeoutScheduled(TimeoutKind kind, long height, int round, Duration delay) {
    run.metrics().timeoutScheduled(delay);
  }
}
