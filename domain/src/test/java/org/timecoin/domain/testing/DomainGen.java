package org.timecoin.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.genesis.GenesisConfig;
import org.timecoin.domain.masternode.MasternodeDeregistration;
import org.timecoin.domain.masternode.MasternodeRecord;
import org.timecoin.domain.masternode.MasternodeRegistration;
import org.timecoin.domain.masternode.TxPayload;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** Seeded random domain values for property tests (structure only; signatures are random). */
public final class DomainGen {
  private final Random random;

  public DomainGen(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  public Hash32 hash() {
    return Hash32.wrap(bytes(32));
  }

  public PublicKey publicKey() {
    return PublicKey.of(bytes(32));
  }

  public Address address() {
    return Address.ofPayload(bytes(20));
  }

  /** Non-negative amount, biased towards edge values. */
  public long amount() {
    return switch (random.nextInt(5)) {
      case 0 -> 0;
      case 1 -> Long.MAX_VALUE;
      case 2 -> random.nextInt(1000);
      default -> random.nextLong() & Long.MAX_VALUE;
    };
  }

  public OutPoint outPoint() {
    int index = random.nextBoolean() ? random.nextInt(4) : random.nextInt() & Integer.MAX_VALUE;
    return new OutPoint(hash(), index);
  }

  public TxIn txIn() {
    return new TxIn(outPoint(), publicKey(), bytes(64));
  }

  public TxOut txOut() {
    return new TxOut(amount(), address());
  }

  public Transaction transaction() {
    int nIn = random.nextInt(4);
    int nOut = random.nextInt(4);
    List<TxIn> ins = new ArrayList<>();
    for (int i = 0; i < nIn; i++) {
      ins.add(txIn());
    }
    List<TxOut> outs = new ArrayList<>();
    for (int i = 0; i < nOut; i++) {
      outs.add(txOut());
    }
    int version;
    TxPayload payload = null;
    switch (random.nextInt(4)) {
      case 0 -> {
        payload = registration();
        version = payload.txVersion();
      }
      case 1 -> {
        payload = deregistration();
        version = payload.txVersion();
      }
      default -> {
        version = random.nextInt();
        if (TxPayload.versionHasPayload(version)) {
          version = 1;
        }
      }
    }
    return new Transaction(version, ins, outs, random.nextLong(), random.nextLong(), payload);
  }

  /** Printable ASCII of length 0..max. */
  public String ascii(int max) {
    int n = random.nextInt(max + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) (0x20 + random.nextInt(0x7F - 0x20)));
    }
    return sb.toString();
  }

  public Tier tier() {
    return Tier.values()[random.nextInt(Tier.values().length)];
  }

  public MasternodeRegistration registration() {
    return new MasternodeRegistration(tier(), publicKey(), address(), ascii(255), bytes(64));
  }

  public MasternodeDeregistration deregistration() {
    return new MasternodeDeregistration(outPoint(), publicKey(), bytes(64));
  }

  /** A height, or -1 (absent) one time in four. */
  private long heightOrAbsent() {
    return random.nextInt(4) == 0 ? -1 : random.nextLong() & Long.MAX_VALUE;
  }

  public MasternodeRecord masternodeRecord() {
    MasternodeRecord.Status[] statuses = MasternodeRecord.Status.values();
    return new MasternodeRecord(
        publicKey(),
        tier(),
        1 + (random.nextLong() & (Long.MAX_VALUE - 1)),
        random.nextBoolean() ? outPoint() : null,
        address(),
        address(),
        ascii(64),
        random.nextLong() & Long.MAX_VALUE,
        heightOrAbsent(),
        heightOrAbsent(),
        statuses[random.nextInt(statuses.length)],
        heightOrAbsent(),
        random.nextLong() & Long.MAX_VALUE);
  }

  public Utxo utxo() {
    return new Utxo(outPoint(), txOut(), random.nextLong() & Long.MAX_VALUE, random.nextBoolean());
  }

  public BlockHeader header() {
    return new BlockHeader(
        random.nextInt(),
        hash(),
        random.nextLong() & Long.MAX_VALUE,
        hash(),
        hash(),
        hash(),
        random.nextLong(),
        publicKey(),
        random.nextInt() & Integer.MAX_VALUE,
        hash(),
        hash());
  }

  public LastCommit lastCommit() {
    int n = random.nextInt(4);
    List<CommitSignature> sigs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sigs.add(commitSignature());
    }
    return new LastCommit(random.nextInt() & Integer.MAX_VALUE, sigs);
  }

  public Block block() {
    int n = random.nextInt(4);
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      txs.add(transaction());
    }
    return new Block(header(), lastCommit(), txs);
  }

  public CommitSignature commitSignature() {
    return new CommitSignature(publicKey(), bytes(64));
  }

  public CommitCertificate certificate() {
    int n = random.nextInt(5);
    List<CommitSignature> sigs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sigs.add(commitSignature());
    }
    return new CommitCertificate(
        random.nextLong() & Long.MAX_VALUE, random.nextInt() & Integer.MAX_VALUE, hash(), sigs);
  }

  public Validator validator() {
    Tier tier = Tier.values()[random.nextInt(Tier.values().length)];
    return new Validator(publicKey(), 1 + random.nextInt(1_000_000), tier, address());
  }

  public ValidatorSet validatorSet() {
    int n = 1 + random.nextInt(6);
    List<Validator> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(validator());
    }
    return new ValidatorSet(list);
  }

  public ConsensusParams consensusParams() {
    long[] v = new long[ConsensusParams.FIELD_COUNT];
    for (int i = 0; i < v.length; i++) {
      v[i] = 1 + random.nextInt(1_000_000);
    }
    v[v.length - 1] = v[v.length - 2] + random.nextInt(1_000); // removal >= inactivity
    return ConsensusParams.of(v);
  }

  public GenesisConfig genesis() {
    List<TxOut> allocations = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      allocations.add(new TxOut(random.nextInt(Integer.MAX_VALUE), address()));
    }
    return new GenesisConfig(
        "chain-" + random.nextInt(1000) + (random.nextBoolean() ? "-\u00e9" : ""),
        Network.values()[random.nextInt(2)],
        random.nextLong() & Long.MAX_VALUE,
        validatorSet().validators(),
        allocations,
        consensusParams());
  }
}
