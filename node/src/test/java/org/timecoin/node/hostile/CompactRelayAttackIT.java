package org.timecoin.node.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.node.TimeNode;
import org.timecoin.node.net.BlockTxsMessages.BlockTxs;
import org.timecoin.node.net.BlockTxsMessages.GetBlockTxs;
import org.timecoin.node.net.CompactProposal;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.p2p.RejectReason;
import org.timecoin.testkit.net.HostilePeer;
import org.timecoin.testkit.net.HostilePeer.Frame;

/**
 * An attacker on the compact relay protocol of a real 4-validator devnet: it receives compact
 * proposals like any full node, then asks for transactions beyond a block, answers fetches nobody
 * made, and sends a compact proposal whose short-id count exceeds what it carries. Only the
 * attacker is cut off, and the validators keep finalizing.
 */
class CompactRelayAttackIT {
  @TempDir Path dir;
  HostileDevnet devnet;
  HostilePeer attacker;

  @BeforeEach
  void start() throws Exception {
    devnet = new HostileDevnet(dir);
  }

  @AfterEach
  void stop() throws Exception {
    if (attacker != null) {
      attacker.close();
    }
    devnet.close();
  }

  HostilePeer attack(TimeNode victim) throws Exception {
    attacker = devnet.connect(0, 7);
    attacker.handshake(HostileDevnet.MAGIC, devnet.genesis(), devnet.freshKey(), 0);
    attacker.startReading(true);
    return attacker;
  }

  /** The next compact proposal the node sends the attacker. */
  CompactProposal nextCompactProposal() throws Exception {
    for (int i = 0; i < 500; i++) {
      Frame f = attacker.poll(Duration.ofMillis(100));
      if (f != null && f.type() == NodeMessages.COMPACT_PROPOSAL.id()) {
        return CompactProposal.CODEC.decode(f.payload());
      }
    }
    throw new AssertionError("no compact proposal reached the attacker");
  }

  @Test
  void fetchesBeyondAKeptBlockCostTheAskerItsConnection() throws Exception {
    TimeNode victim = devnet.node(0);
    attack(victim);
    CompactProposal c = nextCompactProposal();
    Hash32 block = c.header().hash();
    // A fetch for a block the node never kept is ignored: a slow honest node asks like that.
    attacker.send(NodeMessages.GET_BLOCK_TXS, new GetBlockTxs(Hash32.ZERO, new int[] {0}));
    // An answer nobody asked for is dropped without a lookup.
    attacker.send(NodeMessages.BLOCK_TXS, new BlockTxs(block, List.of()));
    int beyond = c.txCount() + 10;
    attacker.send(NodeMessages.GET_BLOCK_TXS, new GetBlockTxs(block, new int[] {beyond}));
    attacker.send(NodeMessages.GET_BLOCK_TXS, new GetBlockTxs(block, new int[] {beyond + 1}));

    assertThat(attacker.awaitClosedByNode(Duration.ofSeconds(20))).as("attacker banned").isTrue();
    assertThat(victim.network().metrics().bansImposed()).isEqualTo(1);
    devnet.awaitProgress(3);
    assertThat(victim.network().peers()).hasSize(3);
  }

  @Test
  void aCompactProposalClaimingMoreShortIdsThanItCarriesIsRefusedAsMalformed() throws Exception {
    TimeNode victim = devnet.node(0);
    attack(victim);
    CompactProposal c = nextCompactProposal();
    CompactProposal none =
        new CompactProposal(c.proposal(), c.header(), c.lastCommit(), c.prefilled(), new long[0]);
    byte[] head = CompactProposal.CODEC.encode(none);
    // The short-id count is the last field: claim 2^32-1 of them, then send 16 bytes.
    ByteWriter w = new ByteWriter();
    w.raw(java.util.Arrays.copyOf(head, head.length - 4)).u32(0xFFFF_FFFFL).raw(new byte[16]);
    long before = victim.network().metrics().rejections(RejectReason.MALFORMED_MESSAGE);
    attacker.send(NodeMessages.COMPACT_PROPOSAL.id(), w.toByteArray());

    assertThat(attacker.awaitClosedByNode(Duration.ofSeconds(20))).as("attacker banned").isTrue();
    assertThat(victim.network().metrics().rejections(RejectReason.MALFORMED_MESSAGE))
        .isGreaterThan(before);
    devnet.awaitProgress(3);
  }
}
