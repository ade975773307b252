package org.timecoin.storage.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.ChainTip;
import org.timecoin.storage.RegistryStore;
import org.timecoin.storage.commit.LtHash16;
import org.timecoin.storage.commit.StateElements;

/**
 * A chain of blocks that depends only on a seed: block {@code h} is drawn from a random generator
 * seeded with (seed, h) over the UTXO set left by the blocks before it. Two instances with the same
 * seed produce the same blocks, so a crashed writer can be checked against a clean replay. The
 * blocks are structurally valid for storage (real outpoints, amounts, merkle and state roots) but
 * carry placeholder signatures and empty certificates. Each block also changes a model of the
 * masternode registry (records registered, signing, deleted; a set fixed every few blocks), so the
 * registry can be checked against the replay as well.
 */
public final class DeterministicChain {
  /**
   * One block with its certificate, UTXO changes and registry changes, ready for {@link
   * ChainStore#applyBlock}.
   */
  public record Step(
      Block block,
      CommitCertificate certificate,
      List<Utxo> adds,
      List<Utxo> removes,
      RegistryStore.Changes registry) {}

  /** Operator keys the registry model draws from. */
  private static final int OPERATORS = 12;

  /** Every this many blocks, the model fixes the set of a later epoch. */
  static final int EPOCH_BLOCKS = 5;

  private static final PublicKey KEY = PublicKey.of(new byte[32]);
  private static final byte[] SIGNATURE = new byte[64];
  private static final int ADDRESSES = 16;

  private final long seed;
  private final Hash32 chainId;
  private final int txsPerBlock;
  private final NavigableMap<OutPoint, Utxo> utxos = new TreeMap<>();
  private final LtHash16 commitment = LtHash16.empty();
  private final NavigableMap<PublicKey, MasternodeRecord> records = new TreeMap<>();
  private final NavigableMap<Long, ValidatorSet> epochSets = new TreeMap<>();
  private long height = -1;
  private Hash32 tipHash = Hash32.ZERO;

  public DeterministicChain(long seed, Hash32 chainId, int txsPerBlock) {
    this.seed = seed;
    this.chainId = chainId;
    this.txsPerBlock = txsPerBlock;
  }

  /** A generator positioned at the tip of {@code store}, its UTXO model read from the store. */
  public static DeterministicChain resume(
      long seed, Hash32 chainId, int txsPerBlock, ChainStore store) {
    DeterministicChain chain = new DeterministicChain(seed, chainId, txsPerBlock);
    ChainTip tip = store.tip().orElse(null);
    if (tip != null) {
      try (Stream<Utxo> all = store.utxos().streamUtxos()) {
        all.forEach(
            u -> {
              chain.utxos.put(u.outPoint(), u);
              chain.commitment.add(Utxo.CODEC.encode(u));
            });
      }
      chain.height = tip.height();
      chain.tipHash = tip.blockHash();
      store
          .registry()
          .forEachRecord(
              r -> {
                chain.records.put(r.operatorKey(), r);
                chain.commitment.add(StateElements.record(r));
              });
      for (long e = 0; store.registry().validatorSet(e).isPresent(); e++) {
        chain.epochSets.put(e, store.registry().validatorSet(e).get());
      }
    }
    return chain;
  }

  /** The registry records the blocks so far leave, by operator key. */
  public NavigableMap<PublicKey, MasternodeRecord> records() {
    return Collections.unmodifiableNavigableMap(records);
  }

  /** The validator sets the blocks so far fixed, by epoch. */
  public NavigableMap<Long, ValidatorSet> epochSets() {
    return Collections.unmodifiableNavigableMap(epochSets);
  }

  /** The operator key {@code i} of the registry model. */
  public static PublicKey operator(int i) {
    byte[] key = new byte[PublicKey.SIZE];
    key[0] = (byte) (i + 1);
    key[31] = 0x3C;
    return PublicKey.of(key);
  }

  /** The address of one of the few accounts the chain pays. */
  public static Address address(int i) {
    byte[] payload = new byte[Address.SIZE];
    payload[0] = (byte) i;
    payload[19] = (byte) 0xA5;
    return Address.ofPayload(payload);
  }

  public long height() {
    return height;
  }

  public Hash32 tipHash() {
    return tipHash;
  }

  public Hash32 stateRoot() {
    return commitment.digest();
  }

  public NavigableMap<OutPoint, Utxo> utxos() {
    return Collections.unmodifiableNavigableMap(utxos);
  }

  /** Draws the next block and applies it to the model. */
  public Step next() {
    return next(null);
  }

  /**
   * Draws the next block with {@code registry} as its registry changes instead of drawn ones (the
   * model applies them: deletes, then puts, then sets), and applies it to the model.
   */
  public Step nextWith(RegistryStore.Changes registry) {
    return next(registry);
  }

  private Step next(RegistryStore.Changes given) {
    long h = height + 1;
    Random rnd = new Random(seed * 1_000_003L + h);
    List<Transaction> txs = new ArrayList<>();
    List<Utxo> adds = new ArrayList<>();
    List<Utxo> removes = new ArrayList<>();
    NavigableMap<OutPoint, Utxo> spendable = new TreeMap<>(utxos);

    List<TxOut> coinbaseOuts = new ArrayList<>();
    int coinbaseOutputs = h == 0 ? 64 : 4;
    for (int i = 0; i < coinbaseOutputs; i++) {
      coinbaseOuts.add(
          new TxOut(1_000_000 + rnd.nextInt(1_000_000), address(rnd.nextInt(ADDRESSES))));
    }
    addTx(new Transaction(1, List.of(), coinbaseOuts, 0, h), h, txs, adds, spendable);

    for (int t = 0; t < txsPerBlock && !spendable.isEmpty(); t++) {
      Utxo spent = pick(spendable, rnd);
      spendable.remove(spent.outPoint());
      removes.add(spent);
      long half = spent.amount() / 2;
      List<TxOut> outs =
          List.of(
              new TxOut(half, address(rnd.nextInt(ADDRESSES))),
              new TxOut(Math.max(0, spent.amount() - half - 1), address(rnd.nextInt(ADDRESSES))));
      TxIn in = new TxIn(spent.outPoint(), KEY, SIGNATURE);
      addTx(new Transaction(1, List.of(in), outs, 0, h), h, txs, adds, spendable);
    }

    RegistryStore.Changes registry = given == null ? registryChanges(h, rnd) : applyGiven(given);
    List<Hash32> txids = txs.stream().map(Transaction::txid).toList();
    adds.forEach(u -> commitment.add(Utxo.CODEC.encode(u)));
    removes.forEach(u -> commitment.remove(Utxo.CODEC.encode(u)));
    // Storage never checks certificates: the model's are empty, and so is every lastCommit.
    BlockHeader header =
        new BlockHeader(
            1,
            chainId,
            h,
            tipHash,
            MerkleRoot.of(txids),
            commitment.digest(),
            h * 1000,
            KEY,
            0,
            Hash32.ZERO,
            LastCommit.empty().hash());
    Block block = new Block(header, LastCommit.empty(), txs);
    CommitCertificate cert = new CommitCertificate(h, 0, block.hash(), List.of());
    adds.forEach(u -> utxos.put(u.outPoint(), u));
    removes.forEach(u -> utxos.remove(u.outPoint())); // after the adds: some were created here
    height = h;
    tipHash = block.hash();
    return new Step(block, cert, adds, removes, registry);
  }

  /**
   * Registry changes of block {@code h}, applied to the model: a few operators register (a record
   * with a collateral of this block), sign (their record changes) or leave (deleted), and every
   * {@value #EPOCH_BLOCKS} blocks the records at that point become the set of a later epoch.
   */
  private RegistryStore.Changes registryChanges(long h, Random rnd) {
    List<MasternodeRecord> puts = new ArrayList<>();
    List<PublicKey> deletes = new ArrayList<>();
    Map<PublicKey, MasternodeRecord> before = new HashMap<>(); // the state commitment's view
    int touched = h == 0 ? OPERATORS / 2 : 1 + rnd.nextInt(3);
    for (int t = 0; t < touched; t++) {
      PublicKey key = operator(h == 0 ? t : rnd.nextInt(OPERATORS));
      MasternodeRecord old = records.get(key);
      if (!before.containsKey(key)) {
        before.put(key, old);
      }
      if (old == null) {
        byte[] txid = new byte[32];
        rnd.nextBytes(txid);
        MasternodeRecord r =
            new MasternodeRecord(
                key,
                Tier.BRONZE,
                Tier.BRONZE.votingPower(),
                new OutPoint(Hash32.wrap(txid), 0),
                address(t),
                address(t + 1),
                "127.0.0.1:" + (9000 + t),
                h,
                -1,
                -1,
                MasternodeRecord.Status.PENDING,
                -1,
                0);
        records.put(key, r);
        puts.removeIf(p -> p.operatorKey().equals(key));
        puts.add(r);
      } else if (rnd.nextInt(4) == 0 && records.size() > 1) {
        records.remove(key);
        puts.removeIf(p -> p.operatorKey().equals(key));
        deletes.add(key);
      } else {
        MasternodeRecord r = old.signed(h);
        records.put(key, r);
        puts.removeIf(p -> p.operatorKey().equals(key));
        puts.add(r);
      }
    }
    commitChanged(before);
    Map<Long, ValidatorSet> sets = new TreeMap<>();
    if (h % EPOCH_BLOCKS == 0 && !records.isEmpty()) {
      ValidatorSet set =
          new ValidatorSet(records.values().stream().map(MasternodeRecord::toValidator).toList());
      long epoch = h == 0 ? 0 : h / EPOCH_BLOCKS + 1;
      sets.put(epoch, set);
      if (h == 0) {
        sets.put(1L, set);
      }
      epochSets.putAll(sets);
    }
    return new RegistryStore.Changes(puts, deletes, sets);
  }

  private RegistryStore.Changes applyGiven(RegistryStore.Changes given) {
    Map<PublicKey, MasternodeRecord> before = new HashMap<>();
    given.deletes().forEach(k -> before.putIfAbsent(k, records.get(k)));
    given.puts().forEach(r -> before.putIfAbsent(r.operatorKey(), records.get(r.operatorKey())));
    given.deletes().forEach(records::remove);
    given.puts().forEach(r -> records.put(r.operatorKey(), r));
    epochSets.putAll(given.sets());
    commitChanged(before);
    return given;
  }

  /** Moves the commitment from the records in {@code before} to the model's records now. */
  private void commitChanged(Map<PublicKey, MasternodeRecord> before) {
    before.forEach(
        (key, old) -> {
          if (old != null) {
            commitment.remove(StateElements.record(old));
          }
          MasternodeRecord now = records.get(key);
          if (now != null) {
            commitment.add(StateElements.record(now));
          }
        });
  }

  /** A pseudo-random spendable output: the first at or after a random outpoint. */
  private static Utxo pick(NavigableMap<OutPoint, Utxo> spendable, Random rnd) {
    byte[] txid = new byte[32];
    rnd.nextBytes(txid);
    var entry = spendable.ceilingEntry(new OutPoint(Hash32.wrap(txid), 0));
    return (entry != null ? entry : spendable.firstEntry()).getValue();
  }

  private static void addTx(
      Transaction tx,
      long h,
      List<Transaction> txs,
      List<Utxo> adds,
      NavigableMap<OutPoint, Utxo> spendable) {
    txs.add(tx);
    for (int i = 0; i < tx.outputs().size(); i++) {
      Utxo u = new Utxo(new OutPoint(tx.txid(), i), tx.outputs().get(i), h, tx.isCoinbase());
      adds.add(u);
      spendable.put(u.outPoint(), u); // later txs of the block may spend it
    }
  }
}
