package org.timecoin.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.kv.KvColumn;

/**
 * The column families of the chain database and the encodings of what is in them. Changing an
 * encoding means a new {@link #SCHEMA_VERSION}.
 */
public final class ChainSchema {
  private ChainSchema() {}

  /**
   * Version of the layout below; stored in the marker so another layout is refused on open. 3: the
   * state commitment sums registry records too, with the counter-mode element expansion, and a
   * store may start at a snapshot's height.
   */
  public static final int SCHEMA_VERSION = 3;

  /** Marker, tip and commitment under the keys below. */
  public static final KvColumn META = new KvColumn("meta", false);

  /** Big-endian height → canonical block. */
  public static final KvColumn BLOCKS = new KvColumn("blocks", false);

  /** Big-endian height → canonical commit certificate. */
  public static final KvColumn CERTIFICATES = new KvColumn("certificates", false);

  /** Block hash → big-endian height. */
  public static final KvColumn BLOCK_HEIGHTS = new KvColumn("block_heights", true);

  /** Txid → {@link TxLocation}. */
  public static final KvColumn TX_INDEX = new KvColumn("tx_index", true);

  /** Outpoint → txout ‖ u64 height ‖ bool coinbase (the outpoint is the key, not repeated). */
  public static final KvColumn UTXOS = new KvColumn("utxos", true);

  /** Address payload ‖ outpoint → empty: lets streamUtxos(address) avoid a full scan. */
  public static final KvColumn UTXOS_BY_ADDRESS = new KvColumn("utxos_by_address", false);

  /** Masternode operator key → {@code MasternodeRecord}: the registry as of the tip. */
  public static final KvColumn MASTERNODES = new KvColumn("masternodes", true);

  /** Collateral outpoint → operator key of the masternode it registered. */
  public static final KvColumn MASTERNODE_COLLATERALS =
      new KvColumn("masternode_collaterals", true);

  /** Big-endian epoch → SHA-256 of the canonical encoding of its validator set. */
  public static final KvColumn EPOCH_SETS = new KvColumn("epoch_sets", true);

  /** Validator set hash → canonical validator set (one entry per distinct set). */
  public static final KvColumn VALIDATOR_SETS = new KvColumn("validator_sets", true);

  /** Reserved for the consensus runtime (last signed votes and similar small records). */
  public static final KvColumn CONSENSUS = new KvColumn("consensus", false);

  /** Reserved for the peer address book. */
  public static final KvColumn PEERS = new KvColumn("peers", false);

  public static final List<KvColumn> COLUMNS =
      List.of(
          META,
          BLOCKS,
          CERTIFICATES,
          BLOCK_HEIGHTS,
          TX_INDEX,
          UTXOS,
          UTXOS_BY_ADDRESS,
          MASTERNODES,
          MASTERNODE_COLLATERALS,
          EPOCH_SETS,
          VALIDATOR_SETS,
          CONSENSUS,
          PEERS);

  static final byte[] MARKER_KEY = key("marker");
  static final byte[] TIP_KEY = key("tip");
  static final byte[] COMMITMENT_KEY = key("commitment");

  /** Big-endian height of the snapshot the store was started from; absent when synced from 0. */
  static final byte[] BASE_HEIGHT_KEY = key("base_height");

  private static byte[] key(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] utxoKey(OutPoint op) {
    return OutPoint.CODEC.encode(op);
  }

  static byte[] utxoValue(Utxo u) {
    ByteWriter w = new ByteWriter(TxOut.ENCODED_SIZE + 9);
    TxOut.CODEC.write(w, u.out());
    return w.u64(u.height()).bool(u.coinbase()).toByteArray();
  }

  static Utxo utxo(OutPoint op, byte[] value) {
    ByteReader in = new ByteReader(value);
    TxOut out = TxOut.CODEC.read(in);
    long height = in.u64();
    boolean coinbase = in.bool();
    in.expectEnd();
    return new Utxo(op, out, height, coinbase);
  }

  static byte[] addressKey(Address address, OutPoint op) {
    ByteWriter w = new ByteWriter(Address.SIZE + OutPoint.ENCODED_SIZE);
    Address.CODEC.write(w, address);
    OutPoint.CODEC.write(w, op);
    return w.toByteArray();
  }

  // A UTXO's canonical encoding is its outpoint, then its output, height and coinbase flag: the
  // store key followed by the store value (ChainSchemaTest holds the two formats to that). A bulk
  // load slices the three entries of a UTXO out of its encoding.
  private static final int OUTPUT_AT = OutPoint.ENCODED_SIZE;
  private static final int ADDRESS_AT = OUTPUT_AT + 8;

  /** {@link #utxoKey} of the UTXO encoded at {@code at} in {@code encoded}. */
  static byte[] utxoKeyAt(byte[] encoded, int at) {
    return Arrays.copyOfRange(encoded, at, at + OutPoint.ENCODED_SIZE);
  }

  /** {@link #utxoValue} of the UTXO encoded at {@code at} in {@code encoded}. */
  static byte[] utxoValueAt(byte[] encoded, int at) {
    return Arrays.copyOfRange(encoded, at + OUTPUT_AT, at + Utxo.ENCODED_SIZE);
  }

  /** {@link #addressKey} of the UTXO encoded at {@code at} in {@code encoded}. */
  static byte[] addressKeyAt(byte[] encoded, int at) {
    byte[] key = new byte[Address.SIZE + OutPoint.ENCODED_SIZE];
    System.arraycopy(encoded, at + ADDRESS_AT, key, 0, Address.SIZE);
    System.arraycopy(encoded, at, key, Address.SIZE, OutPoint.ENCODED_SIZE);
    return key;
  }

  static OutPoint outPointOfAddressKey(byte[] key) {
    return OutPoint.CODEC.decode(Arrays.copyOfRange(key, Address.SIZE, key.length));
  }
}
