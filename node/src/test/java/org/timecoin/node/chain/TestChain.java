package org.timecoin.node.chain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.timecoin.common.Sha256;
import org.timecoin.common.time.Clock;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.storage.ChainSchema;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StorageConfig;
import org.timecoin.storage.kv.KvStore;
import org.timecoin.storage.kv.MemoryKvStore;

/** A chain of four validators in memory, with a funded key; for node tests. */
public final class TestChain implements AutoCloseable {
  public final List<KeyPair> validatorKeys = new ArrayList<>();
  public final KeyPair faucet = KeyPair.fromSeed(Sha256.digest("faucet".getBytes()));
  public final GenesisConfig genesis;
  public final ExecutorService pool = Executors.newFixedThreadPool(2);
  public final SignatureCache signatures = new SignatureCache(100_000);
  public final LocalChain chain;

  public TestChain(int faucetCoins) {
    this(faucetCoins, UnaryOperator.identity());
  }

  /** As above, the store's key-value store wrapped (to inject faults). */
  public TestChain(int faucetCoins, UnaryOperator<KvStore> wrap) {
    this(faucetCoins, wrap, ConsensusParams.defaults());
  }

  /** As above, with these consensus parameters (e.g. short epochs). */
  public TestChain(int faucetCoins, UnaryOperator<KvStore> wrap, ConsensusParams params) {
    List<Validator> set = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      KeyPair k = KeyPair.fromSeed(Sha256.digest(("validator" + i).getBytes()));
      validatorKeys.add(k);
      set.add(new Validator(k.publicKey(), 1, Tier.FREE, Address.fromPublicKey(k.publicKey())));
    }
    List<TxOut> allocations = new ArrayList<>();
    for (int i = 0; i < faucetCoins; i++) {
      allocations.add(new TxOut(1_000_000, Address.fromPublicKey(faucet.publicKey())));
    }
    genesis = new GenesisConfig("test", Network.TESTNET, 1_000, set, allocations, params);
    ChainStore store =
        ChainStore.open(
            wrap.apply(new MemoryKvStore(ChainSchema.COLUMNS)),
            StorageConfig.defaults(Path.of("mem")),
            genesis.chainId());
    chain = new LocalChain(store, genesis, signatures, pool, 2, Clock.SYSTEM);
    chain.initialize();
  }

  /** An empty block at {@code height} on this chain, for listeners that read only its height. */
  public Block emptyBlockAt(long height) {
    org.timecoin.domain.block.BlockHeader header =
        new org.timecoin.domain.block.BlockHeader(
            GenesisConfig.BLOCK_VERSION,
            genesis.chainId(),
            height,
            org.timecoin.common.Hash32.ZERO,
            org.timecoin.common.Hash32.ZERO,
            org.timecoin.common.Hash32.ZERO,
            1_000 + height,
            validatorKeys.get(0).publicKey(),
            0,
            org.timecoin.common.Hash32.ZERO,
            org.timecoin.domain.block.LastCommit.empty().hash());
    return new Block(header, org.timecoin.domain.block.LastCommit.empty(), List.of());
  }

  /** The precommits of all four validators for {@code block} at round 0. */
  public CommitCertificate certify(Block block) {
    byte[] msg =
        VoteSignBytes.of(
            genesis.chainId(),
            VoteType.PRECOMMIT,
            block.height(),
            block.header().round(),
            block.hash());
    List<CommitSignature> sigs = new ArrayList<>();
    for (KeyPair k : validatorKeys) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(msg)));
    }
    return new CommitCertificate(block.height(), block.header().round(), block.hash(), sigs);
  }

  @Override
  public void close() {
    chain.close();
    chain.store().close();
    pool.shutdownNow();
  }
}
