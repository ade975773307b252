package org.timecoin.domain.genesis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/**
 * Everything that defines a chain before its first block. Parsing a file into this record is the
 * node's job; this type is pure.
 *
 * <ul>
 *   <li>{@link #chainId()} = SHA-256(UTF-8 chainName): signed into every transaction and vote.
 *   <li>{@link #hash()} = SHA-256(canonical encoding): the genesis hash peers compare.
 *   <li>The genesis block (height 0) holds one transaction without inputs that pays the
 *       allocations; its prevHash is {@link #hash()}, so the block commits to the whole config. Its
 *       nextValidatorsHash is the genesis set's (epochs 0 and 1 both use that set) and its
 *       lastCommit is empty.
 * </ul>
 *
 * <p>Validators are kept in key order, so equal sets give equal hashes whatever the file order.
 */
public record GenesisConfig(
    String chainName,
    Network network,
    long timestamp,
    List<Validator> validators,
    List<TxOut> allocations,
    ConsensusParams params) {

  public static final int MAX_CHAIN_NAME_BYTES = 128;
  public static final int BLOCK_VERSION = 1;
  public static final int TX_VERSION = 1;

  /**
   * bytes chainName ‖ u8 network ordinal ‖ u64 timestamp ‖ validator set ‖ allocations ‖ params.
   */
  public static final Codec<GenesisConfig> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, GenesisConfig g) {
          out.bytes(g.chainName.getBytes(StandardCharsets.UTF_8));
          out.u8(g.network.ordinal()).u64(g.timestamp);
          ValidatorSet.CODEC.write(out, g.validatorSet());
          out.list(g.allocations, TxOut.CODEC::write);
          ConsensusParams.CODEC.write(out, g.params);
        }

        @Override
        public GenesisConfig read(ByteReader in) {
          byte[] name = in.bytes(MAX_CHAIN_NAME_BYTES);
          String chainName = new String(name, StandardCharsets.UTF_8);
          if (!Arrays.equals(chainName.getBytes(StandardCharsets.UTF_8), name)) {
            throw new CodecException("chain name is not valid UTF-8");
          }
          int network = in.u8();
          if (network >= Network.values().length) {
            throw new CodecException("unknown network " + network);
          }
          long timestamp = in.u64();
          ValidatorSet set = ValidatorSet.CODEC.read(in);
          List<TxOut> allocations = in.list(Block.MAX_TXS, TxOut.CODEC::read);
          ConsensusParams params = ConsensusParams.CODEC.read(in);
          try {
            return new GenesisConfig(
                chainName,
                Network.values()[network],
                timestamp,
                set.validators(),
                allocations,
                params);
          } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
          }
        }
      };

  public GenesisConfig {
    Objects.requireNonNull(chainName, "chainName");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(params, "params");
    if (chainName.isEmpty()
        || chainName.getBytes(StandardCharsets.UTF_8).length > MAX_CHAIN_NAME_BYTES) {
      throw new IllegalArgumentException("chain name must be 1 to 128 bytes of UTF-8");
    }
    List<Validator> sorted = new ArrayList<>(validators);
    sorted.sort(Comparator.comparing(Validator::key));
    validators = List.copyOf(sorted);
    allocations = List.copyOf(allocations);
    new ValidatorSet(validators); // rejects an empty set, duplicates and power overflow
    long total = 0;
    for (TxOut a : allocations) {
      try {
        total = Math.addExact(total, a.amount());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("genesis allocations overflow a long", e);
      }
    }
  }

  public Hash32 chainId() {
    return Sha256.hash(chainName.getBytes(StandardCharsets.UTF_8));
  }

  /** The genesis hash: SHA-256 of the canonical encoding of this config. */
  public Hash32 hash() {
    return Sha256.hash(CODEC.encode(this));
  }

  /** Builds a new set on every call (sorting, indexing): keep the result. */
  public ValidatorSet validatorSet() {
    return new ValidatorSet(validators);
  }

  /** The height-0 transaction: no inputs, one output per allocation, lockTime 0. */
  public Transaction genesisTransaction() {
    return new Transaction(TX_VERSION, List.of(), allocations, 0, timestamp);
  }

  /** The UTXOs the genesis block creates (coinbase outputs at height 0). */
  public List<Utxo> genesisUtxos() {
    Transaction tx = genesisTransaction();
    List<Utxo> utxos = new ArrayList<>(allocations.size());
    for (int i = 0; i < allocations.size(); i++) {
      utxos.add(new Utxo(tx.outPoint(i), allocations.get(i), 0, true));
    }
    return List.copyOf(utxos);
  }

  /**
   * The genesis block, given the state root of {@link #genesisUtxos()} as computed by storage's
   * state commitment. Its proposer is the all-zero key: nobody proposed it.
   */
  public Block genesisBlock(Hash32 stateRoot) {
    Transaction tx = genesisTransaction();
    BlockHeader header =
        new BlockHeader(
            BLOCK_VERSION,
            chainId(),
            0,
            hash(),
            MerkleRoot.of(List.of(tx.txid())),
            stateRoot,
            timestamp,
            PublicKey.of(new byte[PublicKey.SIZE]),
            0,
            validatorSet().hash(),
            LastCommit.empty().hash());
    return new Block(header, LastCommit.empty(), List.of(tx));
  }
}
