package org.timecoin.domain.block;

import java.util.Objects;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;

/**
 * A consensus participant: signing key, voting power (> 0), tier and where its rewards go. Encoded
 * as key(32) ‖ u64 power ‖ u8 tier ordinal ‖ address(20).
 */
public record Validator(PublicKey key, long votingPower, Tier tier, Address rewardAddress) {
  public static final Codec<Validator> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Validator v) {
          PublicKey.CODEC.write(out, v.key);
          out.u64(v.votingPower).u8(v.tier.ordinal());
          Address.CODEC.write(out, v.rewardAddress);
        }

        @Override
        public Validator read(ByteReader in) {
          PublicKey key = PublicKey.CODEC.read(in);
          long power = in.u64();
          if (power <= 0) {
            throw new CodecException("voting power " + Long.toUnsignedString(power) + " invalid");
          }
          int tier = in.u8();
          if (tier >= Tier.values().length) {
            throw new CodecException("unknown tier " + tier);
          }
          return new Validator(key, power, Tier.values()[tier], Address.CODEC.read(in));
        }
      };

  public Validator {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(rewardAddress, "rewardAddress");
    if (votingPower <= 0) {
      throw new IllegalArgumentException("voting power must be > 0, got " + votingPower);
    }
  }
}
