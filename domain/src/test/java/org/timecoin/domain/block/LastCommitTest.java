package org.timecoin.domain.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;

class LastCommitTest {
  private static final Hash32 CHAIN = Sha256.hash("chain".getBytes());
  private static final Hash32 PARENT = Sha256.hash("parent".getBytes());
  private static final KeyPair KEY = KeyPair.fromSeed(Sha256.digest("v".getBytes()));
  private static final ValidatorSet SET =
      new ValidatorSet(
          List.of(
              new Validator(
                  KEY.publicKey(), 1, Tier.GOLD, Address.fromPublicKey(KEY.publicKey()))));

  private static CommitCertificate certificate(long height, int round) {
    byte[] signed = VoteSignBytes.of(CHAIN, VoteType.PRECOMMIT, height, round, PARENT);
    return new CommitCertificate(
        height, round, PARENT, List.of(new CommitSignature(KEY.publicKey(), KEY.sign(signed))));
  }

  @Test
  void aCertificateSurvivesTheTripThroughTheNextBlock() {
    CommitCertificate cert = certificate(7, 2);
    LastCommit lc = LastCommit.of(cert);
    assertThat(lc.round()).isEqualTo(2);
    assertThat(lc.toCertificate(7, PARENT)).isEqualTo(cert);
    assertThat(lc.toCertificate(7, PARENT).verify(SET, CHAIN).isValid()).isTrue();
    LastCommit back = LastCommit.CODEC.decode(LastCommit.CODEC.encode(lc));
    assertThat(back).isEqualTo(lc);
    assertThat(back.hash()).isEqualTo(lc.hash());
  }

  @Test
  void emptyIsRoundZeroWithoutSignaturesAndHashesItsEncoding() {
    LastCommit empty = LastCommit.empty();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.round()).isZero();
    assertThat(empty.signatures()).isEmpty();
    assertThat(LastCommit.CODEC.encode(empty)).hasSize(8).containsOnly(0);
    assertThat(empty.hash()).isEqualTo(Sha256.hash(new byte[8]));
    assertThat(new LastCommit(1, List.of()).isEmpty()).isFalse();
  }

  @Test
  void theHashCoversRoundAndSignatures() {
    LastCommit a = LastCommit.of(certificate(7, 2));
    assertThat(LastCommit.of(certificate(7, 3)).hash()).isNotEqualTo(a.hash());
    assertThat(new LastCommit(2, List.of()).hash()).isNotEqualTo(a.hash());
  }

  @Test
  void aNegativeRoundIsRefused() {
    assertThatThrownBy(() -> new LastCommit(-1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] bytes = LastCommit.CODEC.encode(LastCommit.empty());
    bytes[3] = (byte) 0x80; // the round is a little-endian u32: this sets bit 31
    assertThatThrownBy(() -> LastCommit.CODEC.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("round");
  }
}
