package org.timecoin.node.wallet;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.AddressFormatException;
import org.timecoin.domain.tx.Network;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.node.api.TxView;
import org.timecoin.node.api.WalletException;
import org.timecoin.node.api.WalletService.RawInput;

/** Raw transactions in hex of the canonical encoding: build unsigned ones, decode, show. */
public final class RawTransactions {
  /** The public key of an input nobody has claimed yet: signing fills in the owner's. */
  public static final PublicKey NO_KEY = PublicKey.of(new byte[PublicKey.SIZE]);

  private final Network network;
  private final int maxTxBytes;

  public RawTransactions(Network network, int maxTxBytes) {
    this.network = network;
    this.maxTxBytes = maxTxBytes;
  }

  /**
   * An address of this node's network, or an INVALID_ADDRESS error saying what is wrong with it.
   */
  public Address address(String text) throws WalletException {
    try {
      return Address.parse(text, network);
    } catch (AddressFormatException e) {
      throw new WalletException(
          WalletException.Kind.INVALID_ADDRESS, "invalid address: " + e.getMessage());
    }
  }

  public Network network() {
    return network;
  }

  /** An unsigned transaction: inputs with {@link #NO_KEY}, outputs in the order given. */
  public Transaction create(List<RawInput> inputs, Map<String, Long> outputs, long timestamp)
      throws WalletException {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw invalid("a transaction needs at least one input and one output");
    }
    if (FeeSchedule.size(inputs.size(), outputs.size()) > maxTxBytes) {
      throw invalid(
          inputs.size()
              + " inputs and "
              + outputs.size()
              + " outputs exceed "
              + maxTxBytes
              + " bytes");
    }
    List<TxIn> ins = new ArrayList<>(inputs.size());
    for (RawInput in : inputs) {
      Hash32 txid = txid(in.txid());
      if (in.vout() < 0) {
        throw invalid("vout must be >= 0");
      }
      ins.add(TxIn.unsigned(new OutPoint(txid, in.vout()), NO_KEY));
    }
    List<TxOut> outs = new ArrayList<>(outputs.size());
    for (Map.Entry<String, Long> o : outputs.entrySet()) {
      if (o.getValue() < 0) {
        throw invalid("output amounts must not be negative");
      }
      outs.add(new TxOut(o.getValue(), address(o.getKey())));
    }
    return new Transaction(1, ins, outs, 0, timestamp);
  }

  /** The transaction in {@code hex}, or a DECODE_FAILED error. */
  public Transaction decode(String hex) throws WalletException {
    if (hex.length() > 2L * maxTxBytes) {
      throw new WalletException(
          WalletException.Kind.DECODE_FAILED, "transaction larger than " + maxTxBytes + " bytes");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new WalletException(WalletException.Kind.DECODE_FAILED, "TX decode failed: not hex");
    }
    try {
      return Transaction.CODEC.decode(bytes);
    } catch (CodecException | IllegalArgumentException e) {
      throw new WalletException(
          WalletException.Kind.DECODE_FAILED, "TX decode failed: " + e.getMessage());
    }
  }

  public static String hex(Transaction tx) {
    return HexFormat.of().formatHex(Transaction.CODEC.encode(tx));
  }

  /** The transaction as clients see it; addresses in this network's text form. */
  public TxView view(Transaction tx) {
    List<TxView.InputView> ins = new ArrayList<>(tx.inputs().size());
    for (TxIn in : tx.inputs()) {
      ins.add(
          new TxView.InputView(in.prev().txid().toHex(), in.prev().index(), in.pubKey().toHex()));
    }
    List<TxView.OutputView> outs = new ArrayList<>(tx.outputs().size());
    for (int i = 0; i < tx.outputs().size(); i++) {
      TxOut o = tx.outputs().get(i);
      outs.add(new TxView.OutputView(i, o.amount(), o.address().toText(network)));
    }
    return new TxView(tx.txid().toHex(), tx.isCoinbase(), tx.encodedSize(), ins, outs);
  }

  static Hash32 txid(String hex) throws WalletException {
    if (hex == null || hex.length() != 2 * Hash32.SIZE) {
      throw invalid("txid must be 64 hex characters");
    }
    try {
      return Hash32.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw invalid("txid must be 64 hex characters");
    }
  }

  private static WalletException invalid(String message) {
    return new WalletException(WalletException.Kind.INVALID_PARAMETER, message);
  }
}
