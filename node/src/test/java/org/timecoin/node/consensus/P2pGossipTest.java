package org.timecoin.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.node.net.NodeMessages;

class P2pGossipTest {
  final KeyPair me = KeyPair.fromSeed(new byte[32]);
  final KeyPair other = KeyPair.fromSeed(Hash32.fromHex("01".repeat(32)).toBytes());
  final FakeNetwork net = new FakeNetwork(me.publicKey());
  long nanos;
  final Clock clock =
      new Clock() {
        @Override
        public long wallMillis() {
          return nanos / 1_000_000;
        }

        @Override
        public long monoNanos() {
          return nanos;
        }
      };
  final P2pGossip gossip =
      new P2pGossip(net, new ProposalSender(net, false), clock, Duration.ofSeconds(1));

  Vote vote(long height, int round) {
    return new Vote(VoteType.PREVOTE, height, round, null, me.publicKey(), new byte[64]);
  }

  @Test
  void broadcastsAndResendsTheCurrentHeightToANewPeer() {
    gossip.broadcastVote(vote(1, 0));
    gossip.broadcastVote(vote(2, 0));
    gossip.broadcastVote(vote(2, 1));
    assertThat(net.sentOf(NodeMessages.VOTE)).hasSize(3);
    net.sent.clear();
    gossip.onPeerConnected(FakeNetwork.peer(other.publicKey(), 0));
    assertThat(net.sent).allMatch(s -> other.publicKey().equals(s.to()));
    assertThat(net.sentOf(NodeMessages.VOTE)).extracting(Vote::height).containsExactly(2L, 2L);
  }

  @Test
  void resendsOnlyAfterAQuietSecond() {
    net.connect(FakeNetwork.peer(other.publicKey(), 0));
    gossip.broadcastVote(vote(3, 0));
    net.sent.clear();
    nanos += 500_000_000L;
    gossip.resendIfStalled();
    assertThat(net.sent).isEmpty();
    nanos += 600_000_000L;
    gossip.resendIfStalled();
    assertThat(net.sentOf(NodeMessages.VOTE)).extracting(Vote::height).containsExactly(3L);
  }
}
