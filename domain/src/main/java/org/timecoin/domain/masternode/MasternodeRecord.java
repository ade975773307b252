package org.timecoin.domain.masternode;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;

/**
 * One masternode in the registry, keyed by its operator key.
 *
 * @param collateral the registration's output 0; null for a genesis validator
 * @param owner the address the collateral pays (for a genesis validator: its operator key's)
 * @param enteredHeight the first height it voted at, or -1 before it entered a set
 * @param leavingHeight the height of its deregistration, or -1
 * @param lastSignedHeight the last height whose certificate it signed, or -1
 * @param signedCount how many certificates it has signed
 */
public record MasternodeRecord(
    PublicKey operatorKey,
    Tier tier,
    long votingPower,
    OutPoint collateral,
    Address owner,
    Address rewardAddress,
    String networkAddress,
    long registeredHeight,
    long enteredHeight,
    long leavingHeight,
    Status status,
    long lastSignedHeight,
    long signedCount) {

  /** Where a masternode is in its life. */
  public enum Status {
    /** Registered, not in a set yet. */
    PENDING,
    /** Member of the current or the next epoch's set. */
    ACTIVE_SET,
    /** Deregistered, still in a set until the boundary. */
    LEAVING,
    /** Left by inactivity; its collateral is spendable and it must register again to return. */
    REMOVED
  }

  /**
   * key(32) ‖ u8 tier ‖ u64 power ‖ bool hasCollateral ‖ [outpoint] ‖ owner(20) ‖ reward(20) ‖ u8
   * length ‖ ASCII ‖ i64 registered ‖ i64 entered ‖ i64 leaving ‖ u8 status ‖ i64 lastSigned ‖ u64
   * signedCount. Heights that may be -1 are written as two's-complement 64-bit values.
   */
  public static final Codec<MasternodeRecord> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, MasternodeRecord r) {
          PublicKey.CODEC.write(out, r.operatorKey);
          out.u8(r.tier.ordinal()).u64(r.votingPower).bool(r.collateral != null);
          if (r.collateral != null) {
            OutPoint.CODEC.write(out, r.collateral);
          }
          Address.CODEC.write(out, r.owner);
          Address.CODEC.write(out, r.rewardAddress);
          out.u8(r.networkAddress.length())
              .raw(r.networkAddress.getBytes(StandardCharsets.US_ASCII));
          out.u64(r.registeredHeight).u64(r.enteredHeight).u64(r.leavingHeight);
          out.u8(r.status.ordinal()).u64(r.lastSignedHeight).u64(r.signedCount);
        }

        @Override
        public MasternodeRecord read(ByteReader in) {
          PublicKey key = PublicKey.CODEC.read(in);
          Tier tier = enumAt(Tier.values(), in.u8(), "tier");
          long power = in.u64();
          OutPoint collateral = in.bool() ? OutPoint.CODEC.read(in) : null;
          Address owner = Address.CODEC.read(in);
          Address reward = Address.CODEC.read(in);
          String network = new String(in.raw(in.u8()), StandardCharsets.US_ASCII);
          long registered = in.u64();
          long entered = in.u64();
          long leaving = in.u64();
          Status status = enumAt(Status.values(), in.u8(), "status");
          long lastSigned = in.u64();
          long signedCount = in.u64();
          try {
            return new MasternodeRecord(
                key,
                tier,
                power,
                collateral,
                owner,
                reward,
                network,
                registered,
                entered,
                leaving,
                status,
                lastSigned,
                signedCount);
          } catch (IllegalArgumentException e) {
            throw new CodecException("masternode record: " + e.getMessage());
          }
        }
      };

  public MasternodeRecord {
    Objects.requireNonNull(operatorKey, "operatorKey");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(rewardAddress, "rewardAddress");
    Objects.requireNonNull(networkAddress, "networkAddress");
    Objects.requireNonNull(status, "status");
    if (votingPower <= 0) {
      throw new IllegalArgumentException("voting power must be > 0, got " + votingPower);
    }
    if (networkAddress.length() > 255
        || !StandardCharsets.US_ASCII.newEncoder().canEncode(networkAddress)) {
      throw new IllegalArgumentException("network address must be at most 255 ASCII characters");
    }
    if (registeredHeight < 0 || enteredHeight < -1 || leavingHeight < -1 || lastSignedHeight < -1) {
      throw new IllegalArgumentException("heights must be >= 0 (or -1 where absent)");
    }
    if (signedCount < 0) {
      throw new IllegalArgumentException("signed count must be >= 0, got " + signedCount);
    }
  }

  /**
   * A genesis validator: no collateral, registered at 0, voting from height 1 with the power of its
   * genesis entry; the owner is its key's address.
   */
  public static MasternodeRecord genesis(Validator v) {
    return new MasternodeRecord(
        v.key(),
        v.tier(),
        v.votingPower(),
        null,
        Address.fromPublicKey(v.key()),
        v.rewardAddress(),
        "",
        0,
        1,
        -1,
        Status.ACTIVE_SET,
        -1,
        0);
  }

  /** A freshly registered masternode, pending until it enters a set. */
  public static MasternodeRecord registered(
      MasternodeRegistration reg, OutPoint collateral, Address owner, long height) {
    return new MasternodeRecord(
        reg.operatorKey(),
        reg.tier(),
        reg.tier().votingPower(),
        collateral,
        owner,
        reg.rewardAddress(),
        reg.networkAddress(),
        height,
        -1,
        -1,
        Status.PENDING,
        -1,
        0);
  }

  /** True for a genesis validator (no collateral). */
  public boolean isGenesis() {
    return collateral == null;
  }

  /** The validator this record contributes to a set. */
  public Validator toValidator() {
    return new Validator(operatorKey, votingPower, tier, rewardAddress);
  }

  public MasternodeRecord withStatus(Status newStatus) {
    return new MasternodeRecord(
        operatorKey,
        tier,
        votingPower,
        collateral,
        owner,
        rewardAddress,
        networkAddress,
        registeredHeight,
        enteredHeight,
        leavingHeight,
        newStatus,
        lastSignedHeight,
        signedCount);
  }

  /** Entered a set whose first height is {@code height}. */
  public MasternodeRecord entering(long height) {
    return new MasternodeRecord(
        operatorKey,
        tier,
        votingPower,
        collateral,
        owner,
        rewardAddress,
        networkAddress,
        registeredHeight,
        height,
        leavingHeight,
        Status.ACTIVE_SET,
        lastSignedHeight,
        signedCount);
  }

  /** Deregistered at {@code height}. */
  public MasternodeRecord leaving(long height) {
    return new MasternodeRecord(
        operatorKey,
        tier,
        votingPower,
        collateral,
        owner,
        rewardAddress,
        networkAddress,
        registeredHeight,
        enteredHeight,
        height,
        Status.LEAVING,
        lastSignedHeight,
        signedCount);
  }

  /** Signed the certificate of {@code height}. */
  public MasternodeRecord signed(long height) {
    return new MasternodeRecord(
        operatorKey,
        tier,
        votingPower,
        collateral,
        owner,
        rewardAddress,
        networkAddress,
        registeredHeight,
        enteredHeight,
        leavingHeight,
        status,
        height,
        signedCount + 1);
  }

  private static <E extends Enum<E>> E enumAt(E[] values, int code, String what) {
    if (code >= values.length) {
      throw new CodecException("unknown masternode " + what + " " + code);
    }
    return values[code];
  }
}
