package org.timecoin.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;

class WalletHistoryFileTest {
  @TempDir Path dir;

  static WalletTx tx(int i, TxState state) {
    return new WalletTx(
        Sha256.hash(new byte[] {(byte) i}),
        -i,
        i,
        state,
        state == TxState.FINAL ? i : -1,
        state == TxState.FINAL ? Hash32.ZERO : null,
        state == TxState.REJECTED ? "mempool-full: no room" : null,
        1_000L * i);
  }

  @Test
  void settledTransactionsSurviveARestartWithTheirLatestState() {
    Path path = dir.resolve("h.jsonl");
    try (WalletHistoryFile file = new WalletHistoryFile(path, 10)) {
      file.append(tx(1, TxState.FINAL));
      file.append(tx(2, TxState.REJECTED));
      file.append(tx(2, TxState.FINAL));
    }
    List<WalletTx> back = new WalletHistoryFile(path, 10).read();
    assertThat(back).containsExactly(tx(1, TxState.FINAL), tx(2, TxState.FINAL));
    WalletHistory history = new WalletHistory(10);
    history.restore(back);
    assertThat(history.get(tx(2, TxState.FINAL).txid()).orElseThrow().height()).isEqualTo(2);
  }

  @Test
  void aTornLastLineIsSkipped() throws Exception {
    Path path = dir.resolve("h.jsonl");
    try (WalletHistoryFile file = new WalletHistoryFile(path, 10)) {
      file.append(tx(3, TxState.REJECTED));
    }
    Files.writeString(path, "{\"txid\":\"ab", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(new WalletHistoryFile(path, 10).read()).containsExactly(tx(3, TxState.REJECTED));
  }

  @Test
  void theFileIsRewrittenFromTheHistoryOnceItHoldsTwiceItsCapacity() throws Exception {
    Path path = dir.resolve("h.jsonl");
    WalletHistoryFile file = new WalletHistoryFile(path, 3);
    WalletHistory history = new WalletHistory(3, file::append);
    file.compactFrom(history::settledSnapshot);
    for (int i = 0; i < 10; i++) {
      history.finalized(
          new WalletCoins.TxEffect(WalletHistoryTest.tx(i), 0, 5, false), i, Hash32.ZERO, i);
    }
    file.close();
    System.err.println(
        "DBG " + Files.readAllLines(path) + " want " + WalletHistoryTest.tx(7).txid());
    assertThat(Files.readAllLines(path).size()).isLessThanOrEqualTo(6);
    List<WalletTx> back = new WalletHistoryFile(path, 3).read();
    assertThat(back)
        .extracting(WalletTx::txid)
        .containsExactly(
            WalletHistoryTest.tx(7).txid(),
            WalletHistoryTest.tx(8).txid(),
            WalletHistoryTest.tx(9).txid());
  }

  @Test
  void aMissingOrForeignFileGivesAnEmptyHistory() throws Exception {
    assertThat(new WalletHistoryFile(dir.resolve("none"), 3).read()).isEmpty();
    Path foreign = dir.resolve("f");
    Files.writeString(foreign, "not json\n[1,2]\n");
    assertThat(new WalletHistoryFile(foreign, 3).read()).isEmpty();
  }
}
