package org.timecoin.node.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.node.config.NetworkName;
import org.timecoin.node.config.NodeSection;
import org.timecoin.node.devnet.LoadGenerator;

/** The devnet's honest load pays the default fee rate, so benchmarks measure admitted traffic. */
class LoadGeneratorFeeTest {
  @Test
  void everyTransferOfTheLoadGeneratorIsAdmittedUnderTheDefaultPolicy() {
    MapUtxoView view = new MapUtxoView();
    LoadGenerator load = new LoadGenerator(Clock.SYSTEM);
    Transaction genesis = new Transaction(1, List.of(), load.genesisAllocations(20), 0, 0);
    for (int i = 0; i < genesis.outputs().size(); i++) {
      view.add(new Utxo(genesis.outPoint(i), genesis.outputs().get(i), 0, false));
    }
    load.init(MempoolTest.CHAIN, ConsensusParams.defaults(), genesis);
    Mempool m =
        new Mempool(
            MempoolTest.CHAIN,
            ConsensusParams.defaults(),
            view,
            new SignatureCache(100),
            Runnable::run,
            NodeSection.defaults(NetworkName.TESTNET).mempoolPolicy(),
            tx -> {},
            Clock.SYSTEM);

    load.submit(20, List.of(m));

    assertThat(m.size()).isEqualTo(20);
    assertThat(m.rejectedCount()).isZero();
  }
}
