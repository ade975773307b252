package org.timecoin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.MasternodeService;
import org.timecoin.node.api.NodeStarting;
import org.timecoin.node.api.TransactionSubmitter;
import org.timecoin.node.api.WalletKeys;
import org.timecoin.node.api.WalletService;
import org.timecoin.node.chainspec.ChainSpecFileTest;

class StartupRpcTest {
  final AtomicReference<String> doing = new AtomicReference<>("headers");
  final AtomicLong now = new AtomicLong(5_000_000_000L);
  final Clock clock =
      new Clock() {
        @Override
        public long wallMillis() {
          return 0;
        }

        @Override
        public long monoNanos() {
          return now.get();
        }
      };
  final GenesisConfig genesis = ChainSpecFileTest.genesis("startup", Network.TESTNET);
  final StartupRpc rpc = new StartupRpc(genesis, true, doing::get, now.get(), clock);

  @Test
  void whileStartingChainInfoShowsTheFastSyncPhaseAndTheChainItJoins() {
    ChainQueries q = rpc.queries();
    assertThat(q.syncPhase()).isEqualTo("headers");
    doing.set("snapshot_chunks 3/9");
    assertThat(q.syncPhase()).isEqualTo("snapshot_chunks 3/9");
    assertThat(q.chainInfo().genesisHash()).isEqualTo(genesis.hash().toHex());
    assertThat(q.chainInfo().height()).isZero();
    assertThat(q.chainInfo().syncing()).isTrue();
    assertThat(q.chainInfo().validator()).isTrue();
    assertThat(q.chainInfo().sync().warnings()).contains("snapshot_chunks 3/9");
    assertThat(q.height()).isZero();
    now.addAndGet(7_000_000_000L);
    assertThat(q.uptimeSeconds()).isEqualTo(7);
  }

  @Test
  void whileStartingEveryOtherCallIsRefusedSayingWhatTheNodeIsDoing() {
    doing.set("manifest");
    assertThatThrownBy(() -> rpc.queries().peers())
        .isInstanceOf(NodeStarting.class)
        .hasMessage("the node is starting: fast sync manifest");
    assertThatThrownBy(() -> rpc.queries().blockByHeight(1)).isInstanceOf(NodeStarting.class);
    assertThatThrownBy(() -> rpc.submitter().submit(new byte[1])).isInstanceOf(NodeStarting.class);
    assertThat(rpc.walletKeys()).isNotEqualTo(rpc.wallet()); // Object methods still answer
  }

  /** A part whose methods answer from {@code answers} by name (others: null). */
  static <T> T part(Class<T> type, Map<String, Object> answers) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, m, args) -> answers.get(m.getName())));
  }

  @Test
  void onceStartedEveryCallGoesToTheNodesParts() {
    ChainQueries real =
        part(
            ChainQueries.class,
            Map.of("syncPhase", "blocks", "snapshotHeight", 1001L, "peers", List.of()));
    ChainQueries seen = rpc.queries();
    rpc.started(
        real,
        part(TransactionSubmitter.class, Map.of()),
        part(WalletKeys.class, Map.of()),
        part(WalletService.class, Map.of()),
        part(MasternodeService.class, Map.of()));
    assertThat(seen.syncPhase()).isEqualTo("blocks");
    assertThat(seen.snapshotHeight()).isEqualTo(1001);
    assertThat(seen.peers()).isEmpty();
  }
}
