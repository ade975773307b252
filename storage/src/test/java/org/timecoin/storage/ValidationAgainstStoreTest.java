package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.validation.BlockContext;
import org.timecoin.domain.validation.BlockValidator;
import org.timecoin.domain.validation.Rejection;
import org.timecoin.domain.validation.SignatureCache;
import org.timecoin.domain.validation.ValidationResult;
import org.timecoin.storage.tools.DeterministicChain;

/**
 * The domain's block validator against the real UTXO store: an input that an applied block spent is
 * reported as ALREADY_SPENT (through {@link UtxoStore#spent}), one that never existed as
 * UNKNOWN_INPUT.
 */
class ValidationAgainstStoreTest {
  static final Hash32 CHAIN = ChainStoreTest.CHAIN;
  static final KeyPair VALIDATOR = KeyPair.fromSeed(new byte[32]);
  static final PublicKey PROPOSER = VALIDATOR.publicKey();

  ExecutorService pool;
  ChainStore store;
  Block tip;

  @BeforeEach
  void open() {
    pool = Executors.newFixedThreadPool(2);
    store = ChainStoreTest.openMemory();
    DeterministicChain chain = new DeterministicChain(31, CHAIN, 10);
    ChainStoreTest.applyAll(store, chain, 3);
    DeterministicChain.Step last = chain.next();
    store.applyBlock(
        last.block(), last.certificate(), last.adds(), last.removes(), last.registry());
    tip = last.block();
  }

  @AfterEach
  void close() {
    store.close();
    pool.shutdownNow();
  }

  /** A block on the tip holding a coinbase and {@code tx}. */
  Block blockWith(Transaction tx) {
    long h = tip.height() + 1;
    Transaction coinbase =
        new Transaction(1, List.of(), List.of(new TxOut(1, DeterministicChain.address(0))), 0, h);
    List<Transaction> txs = List.of(coinbase, tx);
    List<Hash32> ids = new ArrayList<>();
    txs.forEach(t -> ids.add(t.txid()));
    // The model chain's own certificates are empty: the block carries one the validator signed.
    byte[] precommit = VoteSignBytes.of(CHAIN, VoteType.PRECOMMIT, tip.height(), 0, tip.hash());
    LastCommit lastCommit =
        new LastCommit(0, List.of(new CommitSignature(PROPOSER, VALIDATOR.sign(precommit))));
    BlockHeader header =
        new BlockHeader(
            1,
            CHAIN,
            h,
            tip.hash(),
            MerkleRoot.of(ids),
            Hash32.ZERO,
            h * 1000,
            PROPOSER,
            0,
            validators().hash(),
            lastCommit.hash());
    return new Block(header, lastCommit, txs);
  }

  static ValidatorSet validators() {
    return new ValidatorSet(
        List.of(new Validator(PROPOSER, 1, Tier.FREE, DeterministicChain.address(0))));
  }

  ValidationResult validate(Block block) {
    BlockContext ctx =
        BlockContext.fixedSet(
            CHAIN,
            tip.header(),
            validators(),
            ConsensusParams.defaults(),
            block.header().timestamp());
    return new BlockValidator(pool, 2, new SignatureCache(100))
        .validate(block, ctx, store.utxos(), store)
        .join();
  }

  @Test
  void spendingAnOutputThatAnAppliedBlockSpentIsAlreadySpent() {
    Transaction replayed = tip.txs().get(1); // its input was spent by the tip block
    ValidationResult r = validate(blockWith(replayed));
    assertThat(r.rejection()).as(r.toString()).isEqualTo(Rejection.ALREADY_SPENT);
    assertThat(r.txIndex()).isEqualTo(1);
  }

  @Test
  void spendingAnOutputThatNeverExistedIsUnknown() {
    Transaction replayed = tip.txs().get(1);
    TxIn in = replayed.inputs().get(0);
    OutPoint nowhere = new OutPoint(Hash32.fromHex("77".repeat(32)), 0);
    Transaction unknown =
        replayed.withInputs(List.of(new TxIn(nowhere, in.pubKey(), in.signature())));
    ValidationResult r = validate(blockWith(unknown));
    assertThat(r.rejection()).as(r.toString()).isEqualTo(Rejection.UNKNOWN_INPUT);
  }
}
