package org.timecoin.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.domain.validation.BlockContext;
import org.timecoin.domain.validation.CoinbaseRule;
import org.timecoin.domain.validation.Issuance;
import org.timecoin.storage.ChainSchema;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.ChainTip;
import org.timecoin.storage.StateUpdate;
import org.timecoin.storage.StorageConfig;
import org.timecoin.storage.kv.RocksKvStore;

/**
 * A chain on a real RocksDB {@link ChainStore} that benchmarks grow block by block: loads an
 * initial UTXO set through {@code applyBlock}, builds valid blocks on the tip (coinbase, Merkle
 * root, state root from {@link ChainStore#prepare}) and applies them. Blocks are one second apart
 * on a fixed timeline, so runs are repeatable.
 */
final class BenchChain implements AutoCloseable {
  static final long GENESIS_MILLIS = 1_700_000_000_000L;
  private static final long BLOCK_MILLIS = 1_000;
  private static final int CERTIFICATE_SIGNATURES = 4;

  private final StorageConfig config;
  private final Clock clock;
  private final KeyPair proposer;
  private final List<KeyPair> validatorKeys = new ArrayList<>();
  private final ValidatorSet validators;
  private final ConsensusParams params = ConsensusParams.defaults();
  private RecordingKvStore kv;
  private ChainStore store;
  private BlockHeader tipHeader;
  private CommitCertificate tipCertificate;

  private BenchChain(StorageConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    List<Validator> members = new ArrayList<>();
    for (int i = 0; i < CERTIFICATE_SIGNATURES; i++) {
      String seed = i == 0 ? "bench-proposer" : "bench-validator-" + i;
      KeyPair k = KeyPair.fromSeed(Sha256.digest(seed.getBytes(StandardCharsets.US_ASCII)));
      validatorKeys.add(k);
      members.add(new Validator(k.publicKey(), 1, Tier.GOLD, Address.fromPublicKey(k.publicKey())));
    }
    this.proposer = validatorKeys.get(0);
    this.validators = new ValidatorSet(members);
  }

  /** Creates an empty chain database in {@code dir} with a UTXO cache of {@code cacheBytes}. */
  static BenchChain create(Path dir, long cacheBytes, Clock clock) {
    BenchChain chain =
        new BenchChain(StorageConfig.defaults(dir).withUtxoCacheBytes(cacheBytes), clock);
    chain.open();
    return chain;
  }

  private void open() {
    kv =
        new RecordingKvStore(
            RocksKvStore.open(config.path(), config.rocks(), ChainSchema.COLUMNS, config.mode()));
    store = ChainStore.open(kv, config, Fixture.CHAIN_ID);
  }

  /** Closes and reopens the store: the UTXO cache starts empty, as after a restart. */
  void reopen() {
    store.close();
    open();
  }

  ChainStore store() {
    return store;
  }

  RecordingKvStore kv() {
    return kv;
  }

  StorageConfig config() {
    return config;
  }

  BlockHeader tipHeader() {
    return tipHeader;
  }

  /** What a block on the current tip is validated against; "now" is the next block's time. */
  BlockContext context() {
    return BlockContext.fixedSet(
        Fixture.CHAIN_ID, tipHeader, validators, params, nextTimestamp() + BLOCK_MILLIS);
  }

  long nextTimestamp() {
    return tipHeader == null ? GENESIS_MILLIS : tipHeader.timestamp() + BLOCK_MILLIS;
  }

  /**
   * Applies blocks holding initial UTXOs {@code 0..count-1} ({@code perBlock} each) as their
   * outputs: the fast way to a large set that still goes through the store's atomic block write.
   */
  void load(long count, int perBlock, LongFunction<Utxo> utxo, Progress progress) {
    Stopwatch watch = Stopwatch.start(clock);
    for (long from = 0; from < count; from += perBlock) {
      int n = (int) Math.min(perBlock, count - from);
      List<Utxo> adds = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        adds.add(utxo.apply(from + i));
      }
      PendingBlock b = build(List.of(), List.of(), adds);
      store.applyBlock(b.block(), b.certificate(), b.update());
      advance(b);
      if ((from / perBlock) % 10 == 9 || from + n >= count) {
        progress.log("loaded %,d UTXOs (%.1f s)", from + n, watch.elapsedMs() / 1000);
      }
    }
  }

  /**
   * A block on the tip with {@code txs} after the coinbase; {@code spent} are the UTXOs they
   * consume, {@code extraAdds} outputs added without a transaction (initial load only).
   */
  PendingBlock build(List<Transaction> txs, List<Utxo> spent, List<Utxo> extraAdds) {
    long height = tipHeader == null ? 0 : tipHeader.height() + 1;
    long timestamp = nextTimestamp();
    long fees = 0;
    for (Utxo u : spent) {
      fees += u.amount();
    }
    for (Transaction tx : txs) {
      fees -= tx.totalOutput();
    }
    Transaction coinbase =
        CoinbaseRule.coinbase(
            height,
            reward(timestamp) + fees,
            validators,
            CoinbaseRule.allMembers(validators),
            proposer.publicKey(),
            timestamp);
    List<Transaction> all = new ArrayList<>(txs.size() + 1);
    all.add(coinbase);
    all.addAll(txs);
    List<Utxo> adds = new ArrayList<>(extraAdds.size() + 2 * txs.size() + 1);
    adds.addAll(extraAdds);
    for (int i = 0; i < coinbase.outputs().size(); i++) {
      adds.add(new Utxo(coinbase.outPoint(i), coinbase.outputs().get(i), height, true));
    }
    for (Transaction tx : txs) {
      adds.addAll(Fixture.outputsOf(tx, height));
    }
    List<Hash32> txids = new ArrayList<>(all.size());
    all.forEach(tx -> txids.add(tx.txid()));
    LastCommit lastCommit = height <= 1 ? LastCommit.empty() : LastCommit.of(tipCertificate);
    Stopwatch prepareWatch = Stopwatch.start(clock);
    StateUpdate update = store.prepare(adds, spent);
    long prepareNanos = prepareWatch.elapsedNanos();
    BlockHeader header =
        new BlockHeader(
            1,
            Fixture.CHAIN_ID,
            height,
            tipHeader == null ? Hash32.ZERO : tipHeader.hash(),
            MerkleRoot.of(txids),
            update.stateRoot(),
            timestamp,
            proposer.publicKey(),
            0,
            validators.hash(),
            lastCommit.hash());
    Block block = new Block(header, lastCommit, all);
    return new PendingBlock(
        block, certificate(block), adds, List.copyOf(spent), update, prepareNanos);
  }

  /** The precommits of every validator: stored with the block, and the next block's lastCommit. */
  private CommitCertificate certificate(Block block) {
    if (block.height() == 0) {
      return null;
    }
    byte[] signed =
        VoteSignBytes.of(Fixture.CHAIN_ID, VoteType.PRECOMMIT, block.height(), 0, block.hash());
    List<CommitSignature> sigs = new ArrayList<>(CERTIFICATE_SIGNATURES);
    for (KeyPair k : validatorKeys) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(signed)));
    }
    return new CommitCertificate(block.height(), 0, block.hash(), sigs);
  }

  /** The issuance of a block at {@code timestamp} on the tip (block 0 mints a period's worth). */
  private long reward(long timestamp) {
    return tipHeader == null
        ? params.issuancePerPeriod()
        : Issuance.reward(params, tipHeader.timestamp(), timestamp);
  }

  /** Applies {@code b} with the store hashing its changes (the full cost of a block write). */
  ChainTip apply(PendingBlock b) {
    ChainTip tip = store.applyBlock(b.block(), b.certificate(), b.adds(), b.removes());
    advance(b);
    return tip;
  }

  /**
   * Applies {@code b} with the state update computed when it was built, as a node does after
   * validation already computed the state root.
   */
  ChainTip applyPrepared(PendingBlock b) {
    ChainTip tip = store.applyBlock(b.block(), b.certificate(), b.update());
    advance(b);
    return tip;
  }

  /** Moves the tip to {@code b} after it was applied. */
  void advance(PendingBlock b) {
    tipHeader = b.block().header();
    tipCertificate = b.certificate();
  }

  @Override
  public void close() {
    store.close();
  }
}
