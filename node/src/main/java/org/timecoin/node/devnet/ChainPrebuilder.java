package org.timecoin.node.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.node.mempool.Mempool;
import org.timecoin.node.mempool.MempoolPolicy;
import org.timecoin.node.production.MempoolBlockProducer;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StorageConfig;

/**
 * Writes a history of empty blocks into a stopped devnet, exactly as consensus would have left it:
 * each block built by the round-0 proposer of its height and certified by the precommits of every
 * validator. The chain is built once, in the first store, then copied to the others, so a long
 * history (e.g. for a node that joins 1,000 blocks late) costs seconds instead of minutes of
 * rounds.
 */
final class ChainPrebuilder {
  private final GenesisConfig genesis;
  private final List<KeyPair> validatorKeys;
  private final Clock clock;

  ChainPrebuilder(GenesisConfig genesis, List<KeyPair> validatorKeys, Clock clock) {
    this.genesis = genesis;
    this.validatorKeys = validatorKeys;
    this.clock = clock;
  }

  /**
   * Extends the chain in {@code chainDirs.get(0)} by {@code blocks}, then copies it to the rest.
   */
  void build(List<Path> chainDirs, int blocks) {
    Path first = chainDirs.get(0);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("prebuild-", 0).daemon().factory());
    try (ChainStore store = ChainStore.open(StorageConfig.defaults(first), genesis.chainId());
        LocalChain chain =
            new LocalChain(store, genesis, new SignatureCache(10_000), pool, 2, clock)) {
      chain.initialize();
      Mempool empty =
          new Mempool(
              genesis.chainId(),
              genesis.params(),
              chain.utxoView(),
              new SignatureCache(16),
              pool,
              MempoolPolicy.of(1, 1),
              tx -> {},
              clock);
      Map<PublicKey, MempoolBlockProducer> producers = new HashMap<>();
      for (KeyPair k : validatorKeys) {
        producers.put(
            k.publicKey(),
            new MempoolBlockProducer(
                chain, empty, k.publicKey(), genesis.params().maxBlockBytes(), 1, clock, pool));
      }
      long end = chain.height() + blocks;
      for (long h = chain.height() + 1; h <= end; h++) {
        PublicKey proposer = ProposerSelector.proposer(chain.validators(), h, 0);
        Block block = producers.get(proposer).produce(h, 0).toCompletableFuture().join();
        chain.store(block, certify(block)).join();
      }
    } finally {
      pool.shutdownNow();
    }
    for (Path other : chainDirs.subList(1, chainDirs.size())) {
      copy(first, other);
    }
  }

  private CommitCertificate certify(Block block) {
    byte[] signed =
        VoteSignBytes.of(
            genesis.chainId(),
            VoteType.PRECOMMIT,
            block.height(),
            block.header().round(),
            block.hash());
    List<CommitSignature> signatures = new ArrayList<>();
    for (KeyPair k : validatorKeys) {
      signatures.add(new CommitSignature(k.publicKey(), k.sign(signed)));
    }
    return new CommitCertificate(block.height(), block.header().round(), block.hash(), signatures);
  }

  private static void copy(Path from, Path to) {
    try {
      if (Files.exists(to)) {
        try (Stream<Path> old = Files.walk(to)) {
          for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(to.getParent());
      try (Stream<Path> files = Files.walk(from)) {
        for (Path p : files.toList()) {
          Files.copy(p, to.resolve(from.relativize(p).toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("copying the chain " + from + " to " + to + " failed", e);
    }
  }
}
