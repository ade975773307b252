package org.timecoin.domain.masternode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;

/**
 * Payload of a registration (transaction version 2): the tier, the operator key that will sign
 * votes, where rewards go, the node's network address and the operator's signature over {@code
 * SigHash.operator(chainId, unsignedTxid)}. The collateral is output 0 of the transaction; its
 * outpoint identifies the masternode.
 *
 * <p>Encoded as u8 tier ‖ key(32) ‖ address(20) ‖ u8 length ‖ printable ASCII ‖ signature(64). The
 * codec accepts up to 255 characters so that the encoding stays lossless; the transaction rules
 * refuse more than {@link #MAX_NETWORK_ADDRESS_LENGTH} and anything that is not host:port.
 */
public record MasternodeRegistration(
    Tier tier,
    PublicKey operatorKey,
    Address rewardAddress,
    String networkAddress,
    byte[] operatorSignature)
    implements TxPayload {
  public static final int TX_VERSION = 2;
  public static final int MAX_NETWORK_ADDRESS_LENGTH = 64;
  private static final int MAX_ENCODABLE_LENGTH = 255;
  private static final int FIXED_SIZE =
      1 + PublicKey.SIZE + Address.SIZE + 1 + TxPayload.SIGNATURE_SIZE;

  public static final Codec<MasternodeRegistration> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, MasternodeRegistration value) {
          value.write(out);
        }

        @Override
        public MasternodeRegistration read(ByteReader in) {
          int tierCode = in.u8();
          if (tierCode >= Tier.values().length) {
            throw new CodecException("unknown masternode tier " + tierCode);
          }
          PublicKey key = PublicKey.CODEC.read(in);
          Address reward = Address.CODEC.read(in);
          byte[] ascii = in.raw(in.u8());
          for (byte b : ascii) {
            if (!isPrintableAscii(b)) {
              throw new CodecException(
                  "network address holds a byte outside printable ASCII: 0x"
                      + HexFormat.of().toHexDigits(b));
            }
          }
          String network = new String(ascii, StandardCharsets.US_ASCII);
          return new MasternodeRegistration(
              Tier.values()[tierCode], key, reward, network, in.raw(TxPayload.SIGNATURE_SIZE));
        }
      };

  public MasternodeRegistration {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(operatorKey, "operatorKey");
    Objects.requireNonNull(rewardAddress, "rewardAddress");
    Objects.requireNonNull(networkAddress, "networkAddress");
    if (networkAddress.length() > MAX_ENCODABLE_LENGTH) {
      throw new IllegalArgumentException(
          "network address longer than " + MAX_ENCODABLE_LENGTH + " characters");
    }
    for (int i = 0; i < networkAddress.length(); i++) {
      char c = networkAddress.charAt(i);
      if (c > 0x7E || !isPrintableAscii((byte) c)) {
        throw new IllegalArgumentException("network address must be printable ASCII");
      }
    }
    if (operatorSignature.length != TxPayload.SIGNATURE_SIZE) {
      throw new IllegalArgumentException(
          "operator signature must be 64 bytes, got " + operatorSignature.length);
    }
    operatorSignature = operatorSignature.clone();
  }

  /** A registration whose operator signature is still all zeros. */
  public static MasternodeRegistration unsigned(
      Tier tier, PublicKey operatorKey, Address rewardAddress, String networkAddress) {
    return new MasternodeRegistration(
        tier, operatorKey, rewardAddress, networkAddress, new byte[TxPayload.SIGNATURE_SIZE]);
  }

  private static boolean isPrintableAscii(byte b) {
    return b >= 0x20 && b <= 0x7E;
  }

  @Override
  public int txVersion() {
    return TX_VERSION;
  }

  @Override
  public int encodedSize() {
    return FIXED_SIZE + networkAddress.length();
  }

  @Override
  public void writeUnsigned(ByteWriter out) {
    out.u8(tier.ordinal());
    PublicKey.CODEC.write(out, operatorKey);
    Address.CODEC.write(out, rewardAddress);
    out.u8(networkAddress.length());
    out.raw(networkAddress.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public byte[] operatorSignature() {
    return operatorSignature.clone();
  }

  @Override
  public byte[] signature() {
    return operatorSignature.clone();
  }

  @Override
  public MasternodeRegistration withSignature(byte[] signature) {
    return new MasternodeRegistration(tier, operatorKey, rewardAddress, networkAddress, signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MasternodeRegistration r
        && tier == r.tier
        && operatorKey.equals(r.operatorKey)
        && rewardAddress.equals(r.rewardAddress)
        && networkAddress.equals(r.networkAddress)
        && Arrays.equals(operatorSignature, r.operatorSignature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tier, operatorKey, rewardAddress, networkAddress)
        + 31 * Arrays.hashCode(operatorSignature);
  }

  @Override
  public String toString() {
    return "MasternodeRegistration["
        + tier
        + ", operator="
        + operatorKey
        + ", reward="
        + rewardAddress
        + ", network="
        + networkAddress
        + "]";
  }
}
