package org.timecoin.domain.block;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.block.CertificateResult.Problem;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Proof that a block is final: PRECOMMIT signatures for {@code blockHash} at (height, round) from
 * validators holding more than 2/3 of the voting power. Encoded as u64 height ‖ u32 round ‖
 * blockHash ‖ u32 n ‖ signatures.
 */
public record CommitCertificate(
    long height, int round, Hash32 blockHash, List<CommitSignature> signatures) {

  public static final Codec<CommitCertificate> CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, CommitCertificate c) {
          out.u64(c.height).i32(c.round).hash(c.blockHash);
          out.list(c.signatures, CommitSignature.CODEC::write);
        }

        @Override
        public int sizeHint(CommitCertificate c) {
          return c.encodedSize();
        }

        @Override
        public CommitCertificate read(ByteReader in) {
          long height = in.u64();
          int round = in.i32();
          if (height < 0 || round < 0) {
            throw new CodecException("height or round out of range");
          }
          Hash32 hash = in.hash();
          List<CommitSignature> sigs =
              in.list(ValidatorSet.MAX_VALIDATORS, CommitSignature.CODEC::read);
          return new CommitCertificate(height, round, hash, sigs);
        }
      };

  public CommitCertificate {
    Objects.requireNonNull(blockHash, "blockHash");
    if (height < 0 || round < 0) {
      throw new IllegalArgumentException("height and round must be >= 0");
    }
    signatures = List.copyOf(signatures);
  }

  /**
   * Checks that every signer is a distinct member of {@code validators}, that they hold more than
   * 2/3 of the power, and that every signature verifies over the PRECOMMIT sign bytes. Signatures
   * are checked last, so cheap defects are found without any curve arithmetic.
   */
  public CertificateResult verify(ValidatorSet validators, Hash32 chainId) {
    CertificateResult signers = verifySigners(validators);
    if (!signers.isValid()) {
      return signers;
    }
    CertificateResult sigs = verifySignatures(validators, chainId, 0, signatures.size());
    return sigs.isValid()
        ? signers
        : CertificateResult.invalid(sigs.problem(), sigs.detail(), signers.signedPower());
  }

  /**
   * The cheap half of {@link #verify}: every signer is a distinct member of {@code validators} and
   * together they hold more than 2/3 of the power. No signature is checked.
   */
  public CertificateResult verifySigners(ValidatorSet validators) {
    Set<PublicKey> seen = new HashSet<>();
    long power = 0;
    for (CommitSignature sig : signatures) {
      Optional<Validator> v = validators.get(sig.validator());
      if (v.isEmpty()) {
        return CertificateResult.invalid(
            Problem.UNKNOWN_VALIDATOR, "signer " + sig.validator() + " is not a validator", power);
      }
      if (!seen.add(sig.validator())) {
        return CertificateResult.invalid(
            Problem.DUPLICATE_VALIDATOR, "validator " + sig.validator() + " signed twice", power);
      }
      power += v.get().votingPower(); // cannot overflow: distinct members sum to <= totalPower
    }
    if (!validators.hasQuorum(power)) {
      return CertificateResult.invalid(
          Problem.INSUFFICIENT_POWER,
          "signed power " + power + " of " + validators.totalPower() + " is not more than 2/3",
          power);
    }
    return CertificateResult.valid(power);
  }

  /**
   * Verifies signatures {@code from} (inclusive) to {@code to} (exclusive) over the PRECOMMIT sign
   * bytes; their signers must be members of {@code validators} ({@link #verifySigners} passed).
   * Lets a caller spread the signatures of a large certificate over several threads.
   */
  public CertificateResult verifySignatures(
      ValidatorSet validators, Hash32 chainId, int from, int to) {
    byte[] message = VoteSignBytes.of(chainId, VoteType.PRECOMMIT, height, round, blockHash);
    for (CommitSignature sig : signatures.subList(from, to)) {
      // The set's own key object keeps its decoded point from one certificate to the next.
      PublicKey key = validators.get(sig.validator()).orElseThrow().key();
      if (!key.verify(message, sig.signature())) {
        return CertificateResult.invalid(
            Problem.BAD_SIGNATURE, "bad precommit signature from " + sig.validator(), 0);
      }
    }
    return CertificateResult.valid(0);
  }

  /** {@link #verify} plus a check that the certificate is for {@code header}. */
  public CertificateResult verifyFor(BlockHeader header, ValidatorSet validators) {
    if (header.height() != height || !header.hash().equals(blockHash)) {
      return CertificateResult.invalid(
          Problem.WRONG_BLOCK,
          "certificate is for height "
              + height
              + " block "
              + blockHash
              + ", not height "
              + header.height()
              + " block "
              + header.hash(),
          0);
    }
    return verify(validators, header.chainId());
  }

  /** Size of the canonical encoding: height, round, block hash, then (key, signature) pairs. */
  public int encodedSize() {
    return 8 + 4 + 32 + 4 + signatures.size() * (32 + 64);
  }
}
