package org.timecoin.node.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.node.net.CertifiedBlock;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.Status;

/**
 * Epochs of two blocks: a node at genesis knows the sets of heights 1–4 (epochs 0 and 1) but not
 * yet that of height 5 (epoch 2, fixed after block 2). Block 5's certificate is checked when it is
 * due, with the set its predecessors fixed, and a bad one is still its sender's fault.
 */
class SyncAcrossEpochsTest {
  static final ConsensusParams TWO_BLOCK_EPOCHS = ConsensusParams.defaults().withEpochs(2, 2, 40);

  final SyncFixture f =
      new SyncFixture(UnaryOperator.identity(), SyncFixture.LIMITS, TWO_BLOCK_EPOCHS);
  final PublicKey peer = SyncFixture.key(1);

  @AfterEach
  void close() {
    f.close();
  }

  void requestFrom(PublicKey from) {
    f.net.deliver(from, NodeMessages.STATUS, new Status(5, Hash32.ZERO));
    f.sync.tick();
  }

  @Test
  void aBlockOfAnEpochNotFixedOnArrivalIsCheckedWhenDueAndStored() {
    assertThat(f.target.chain.validatorsAt(4)).isNotNull();
    assertThat(f.target.chain.validatorsAt(5)).as("epoch 2 is not fixed at genesis").isNull();
    requestFrom(peer);
    f.net.deliver(peer, NodeMessages.BLOCKS, new Blocks(f.chain));
    await().atMost(Duration.ofSeconds(20)).until(() -> f.target.chain.height() == 5);
    assertThat(f.net.penalties).isEmpty();
    assertThat(f.target.chain.validatorsAt(5)).isEqualTo(f.source.chain.validatorsAt(5));
  }

  @Test
  void aBadCertificateFoundWhenDueCostsItsSenderAndTheBlockIsNotStored() {
    requestFrom(peer);
    List<CertifiedBlock> forged = new ArrayList<>(f.chain);
    CommitCertificate wrong = f.chain.get(3).certificate(); // block 4's, on block 5
    forged.set(4, new CertifiedBlock(f.chain.get(4).block(), wrong));
    f.net.deliver(peer, NodeMessages.BLOCKS, new Blocks(forged));
    await().atMost(Duration.ofSeconds(20)).until(() -> !f.net.penalties.isEmpty());
    assertThat(f.net.penalties).singleElement().asString().contains("invalid certificate");
    assertThat(f.target.chain.height()).isEqualTo(4);
    assertThat(f.stops).isEmpty();
  }
}
