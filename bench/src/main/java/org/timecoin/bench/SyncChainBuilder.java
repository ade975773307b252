package org.timecoin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Amounts;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxBuilder;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.CoinbaseRule;
import org.timecoin.domain.validation.Issuance;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StateUpdate;

/**
 * Writes a certified chain straight into a node's store, as consensus would have finalized it: each
 * block holds {@code txsPerBlock} signed transfers, lane j spending lane j's output of the block
 * before (genesis outputs first), so every block depends on the previous one.
 */
final class SyncChainBuilder {
  /** Value of each lane's genesis output: enough for 10^5 hops of fees. */
  static final long LANE_COIN = Amounts.ofTime(1_000);

  private final KeyPair key = KeyPair.fromSeed(Sha256.digest("bench sync lanes".getBytes()));
  private final Address address = Address.fromPublicKey(key.publicKey());
  private final int lanes;

  SyncChainBuilder(int txsPerBlock) {
    this.lanes = txsPerBlock;
  }

  /** The genesis outputs the lanes start from. */
  List<TxOut> genesisAllocations() {
    List<TxOut> out = new ArrayList<>(lanes);
    for (int i = 0; i < lanes; i++) {
      out.add(new TxOut(LANE_COIN, address));
    }
    return out;
  }

  /**
   * Appends {@code blocks} blocks on top of genesis in {@code store}, certified by {@code
   * validatorKeys} (all of them precommit at round 0).
   */
  void build(
      ChainStore store,
      GenesisConfig genesis,
      List<KeyPair> validatorKeys,
      int blocks,
      Clock clock,
      Progress progress) {
    Hash32 chainId = genesis.chainId();
    ConsensusParams params = genesis.params();
    ValidatorSet validators = genesis.validatorSet();
    Utxo[] lane =
        genesis.genesisUtxos().stream()
            .filter(u -> u.address().equals(address))
            .toArray(Utxo[]::new);
    if (lane.length < lanes) {
      throw new IllegalStateException(
          "genesis holds " + lane.length + " lane outputs, not " + lanes);
    }
    Block parent = store.blocks().blockAt(store.tip().orElseThrow().height()).orElseThrow();
    LastCommit lastCommit =
        parent.height() == 0
            ? LastCommit.empty()
            : LastCommit.of(store.blocks().certificateAt(parent.height()).orElseThrow());
    for (int b = 0; b < blocks; b++) {
      long height = parent.height() + 1;
      Utxo[] spent = lane.clone();
      List<Transaction> transfers =
          IntStream.range(0, lanes)
              .parallel()
              .mapToObj(j -> transfer(spent[j], chainId, params, height, j))
              .toList();
      long fees = 0;
      for (int j = 0; j < lanes; j++) {
        fees += spent[j].amount() - transfers.get(j).totalOutput();
      }
      PublicKey proposer = validatorKeys.get((int) (height % validatorKeys.size())).publicKey();
      long timestamp = Math.max(clock.wallMillis(), parent.header().timestamp() + 1);
      Transaction coinbase =
          CoinbaseRule.coinbase(
              height,
              Issuance.reward(params, parent.header().timestamp(), timestamp) + fees,
              validators,
              CoinbaseRule.allMembers(validators),
              proposer,
              timestamp);
      List<Transaction> all = new ArrayList<>(lanes + 1);
      all.add(coinbase);
      all.addAll(transfers);
      List<Utxo> adds = new ArrayList<>();
      for (Transaction tx : all) {
        for (int i = 0; i < tx.outputs().size(); i++) {
          adds.add(new Utxo(tx.outPoint(i), tx.outputs().get(i), height, tx.isCoinbase()));
        }
      }
      StateUpdate update = store.prepare(adds, List.of(spent));
      BlockHeader header =
          new BlockHeader(
              GenesisConfig.BLOCK_VERSION,
              chainId,
              height,
              parent.hash(),
              MerkleRoot.of(all.stream().map(Transaction::txid).toList()),
              update.stateRoot(),
              timestamp,
              proposer,
              0,
              validators.hash(),
              lastCommit.hash());
      Block block = new Block(header, lastCommit, all);
      CommitCertificate certificate = certify(block, chainId, validatorKeys);
      store.applyBlock(block, certificate, update);
      lastCommit = LastCommit.of(certificate);
      for (int j = 0; j < lanes; j++) {
        Transaction tx = transfers.get(j);
        lane[j] = new Utxo(tx.outPoint(0), tx.outputs().get(0), height, false);
      }
      parent = block;
      if (height % 1_000 == 0) {
        progress.log("built block %d", height);
      }
    }
  }

  private Transaction transfer(
      Utxo from, Hash32 chainId, ConsensusParams params, long height, int j) {
    long fee = params.requiredFee(from.amount());
    return new TxBuilder()
        .input(from.outPoint(), key)
        .output(from.amount() - fee, address)
        .timestamp(height * lanes + j)
        .sign(chainId);
  }

  private static CommitCertificate certify(Block block, Hash32 chainId, List<KeyPair> keys) {
    byte[] msg = VoteSignBytes.of(chainId, VoteType.PRECOMMIT, block.height(), 0, block.hash());
    List<CommitSignature> sigs = new ArrayList<>();
    for (KeyPair k : keys) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(msg)));
    }
    return new CommitCertificate(block.height(), 0, block.hash(), sigs);
  }
}
