package org.timecoin.node.wallet;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** Fixtures: coins, keys and blocks for wallet tests. */
final class Coins {
  static final KeyPair ALICE = KeyPair.fromSeed(seed(1));
  static final KeyPair BOB = KeyPair.fromSeed(seed(2));
  static final Address ALICE_ADDR = Address.fromPublicKey(ALICE.publicKey());
  static final Address BOB_ADDR = Address.fromPublicKey(BOB.publicKey());
  static final Hash32 CHAIN = Sha256.hash(new byte[] {7});

  private Coins() {}

  static byte[] seed(int i) {
    byte[] s = new byte[32];
    s[0] = (byte) i;
    return s;
  }

  static Utxo coin(int n, long amount, Address to) {
    return new Utxo(
        new OutPoint(Sha256.hash(new byte[] {(byte) n, (byte) (n >> 8)}), n & 0xff),
        new TxOut(amount, to),
        1,
        false);
  }

  static NavigableSet<Utxo> set(Utxo... coins) {
    NavigableSet<Utxo> s = new TreeSet<>(WalletCoins.BY_AMOUNT);
    s.addAll(List.of(coins));
    return s;
  }

  static long total(NavigableSet<Utxo> s) {
    return s.stream().mapToLong(Utxo::amount).sum();
  }

  static Block block(long height, Transaction... txs) {
    BlockHeader h =
        new BlockHeader(
            1,
            CHAIN,
            height,
            Hash32.ZERO,
            Hash32.ZERO,
            Hash32.ZERO,
            height,
            ALICE.publicKey(),
            0,
            Hash32.ZERO,
            LastCommit.empty().hash());
    return new Block(h, LastCommit.empty(), List.of(txs));
  }

  /** A coinbase-like transaction creating {@code outs}, distinct per {@code tag}. */
  static Transaction funding(long tag, TxOut... outs) {
    return new Transaction(1, List.of(), List.of(outs), tag, 0);
  }
}
