package org.timecoin.node.consensus;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Vote;
import org.timecoin.consensus.runtime.ConsensusRuntime;
import org.timecoin.consensus.runtime.ConsensusStatus;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.chain.LateCommits;
import org.timecoin.node.net.ConsensusCodecs.ProposalMessage;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.p2p.RateLimit;

/**
 * The consensus protocol on the wire: peer proposals and votes pass the {@link
 * ConsensusMessageGate} (which penalises senders of bad ones), then go to consensus and on to the
 * peers that are not validators (full nodes hear validators only through the peers they happen to
 * be connected to; validators hear each other directly). The network's deduplication stops echoes.
 * Each peer may send {@code perPeer} proposals and votes per second, per type.
 *
 * <p>Proposals and votes arrive on their own delivery lane, a thread no other protocol uses, so
 * they never queue behind block serving, sync, state checks or transactions; the lane runs only the
 * gate's cheap checks, and signatures go to the validation pool.
 */
public final class ConsensusHandler implements AutoCloseable {
  private final PeerNetwork network;
  private final ConsensusRuntime runtime;
  private final LongFunction<ValidatorSet> validators;
  private final RateLimit perPeer;
  private final ConsensusMessageGate gate;
  private final ProposalSender proposals;
  private ExecutorService lane;

  /**
   * @param validators the validator set of a height (null when this node cannot know it yet)
   * @param chainHeight the stored tip, read without blocking
   * @param verifier the signature check of peer messages
   * @param pool where signatures are checked
   */
  public ConsensusHandler(
      PeerNetwork network,
      ConsensusRuntime runtime,
      LongFunction<ValidatorSet> validators,
      LongSupplier chainHeight,
      MessageVerifier verifier,
      Executor pool,
      long maxBlockBytes,
      RateLimit perPeer,
      LateCommits late,
      ProposalSender proposals) {
    this.network = network;
    this.proposals = proposals;
    this.runtime = runtime;
    this.validators = validators;
    this.perPeer = perPeer;
    this.gate =
        new ConsensusMessageGate(
            validators,
            verifier,
            network,
            pool,
            position(() -> runtime.status(), chainHeight),
            maxBlockBytes,
            new Relay(),
            late);
  }

  /**
   * Starts the consensus lane and registers the proposal and vote handlers on it; call before the
   * network starts.
   */
  public void register() {
    lane =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("consensus-lane").daemon().factory());
    network.register(NodeMessages.PROPOSAL.withRateLimit(perPeer), gate::onProposal, lane);
    network.register(NodeMessages.VOTE.withRateLimit(perPeer), gate::onVote, lane);
  }

  /** Stops the lane (after the network, so nothing is delivered to it any more). */
  @Override
  public void close() {
    if (lane != null) {
      lane.shutdownNow();
    }
  }

  public ConsensusMessageGate gate() {
    return gate;
  }

  /** The consensus lane, once {@link #register()} started it: for the compact proposal protocol. */
  public Executor lane() {
    return lane;
  }

  /**
   * The height consensus decides: the runtime's, or the stored tip + 1 when that is further (a
   * decided height whose block is stored, or block sync ahead of consensus for a moment); its round
   * is the runtime's at that height, 0 before consensus gets there.
   */
  static ConsensusPosition position(Supplier<ConsensusStatus> status, LongSupplier chainHeight) {
    return new ConsensusPosition() {
      @Override
      public long height() {
        return Math.max(status.get().height(), chainHeight.getAsLong() + 1);
      }

      @Override
      public int round() {
        ConsensusStatus s = status.get();
        return s.height() > chainHeight.getAsLong() ? s.round() : 0;
      }
    };
  }

  /**
   * Validators of the message's height hear its signer directly; everyone else needs the relay. A
   * set not known here yet (cannot happen within the gate's window) relays to every peer.
   */
  private boolean relayTo(PeerInfo peer, PublicKey from, long height) {
    if (peer.nodeKey().equals(from)) {
      return false;
    }
    ValidatorSet set = validators.apply(height);
    return set == null || !set.contains(peer.nodeKey());
  }

  /** Where proposals and votes that passed the gate go. */
  private final class Relay implements ConsensusMessageGate.Accepted {
    @Override
    public void proposal(PublicKey from, ProposalMessage m) {
      runtime.submitProposal(m.proposal(), m.block());
      proposals.broadcast(m, p -> relayTo(p, from, m.proposal().height()));
    }

    @Override
    public void vote(PublicKey from, Vote v) {
      runtime.submitVote(v);
      network.broadcast(NodeMessages.VOTE, v, p -> relayTo(p, from, v.height()));
    }
  }
}
