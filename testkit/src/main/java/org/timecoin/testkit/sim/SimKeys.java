package org.timecoin.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.MessageVerifier;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.Signer;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;

/**
 * The validator identities of a simulation and how they sign. By default a signature is a keyed
 * SHA-256 MAC whose secret only the simulation knows (so a Byzantine strategy cannot forge another
 * validator's message, but signing costs a microsecond instead of an Ed25519 operation); with
 * {@code ed25519} the real keys and the production verifier are used.
 */
public final class SimKeys {
  private static final Map<Integer, KeyPair> ED25519_CACHE = new HashMap<>();

  private final Hash32 chainId;
  private final boolean ed25519;
  private final List<PublicKey> publicKeys = new ArrayList<>();
  private final List<Signer> signers = new ArrayList<>();
  private final Map<PublicKey, byte[]> secrets = new HashMap<>();
  private final MessageVerifier verifier;

  public SimKeys(int validators, Hash32 chainId, boolean ed25519) {
    this.chainId = chainId;
    this.ed25519 = ed25519;
    for (int i = 0; i < validators; i++) {
      if (ed25519) {
        KeyPair kp = ed25519Key(i);
        publicKeys.add(kp.publicKey());
        signers.add(signer(kp.publicKey(), kp::sign));
      } else {
        byte[] secret = Sha256.digest(("sim-secret-" + i).getBytes(StandardCharsets.US_ASCII));
        PublicKey key = PublicKey.of(Sha256.digest(secret));
        secrets.put(key, secret);
        publicKeys.add(key);
        signers.add(signer(key, msg -> mac(secret, msg)));
      }
    }
    this.verifier = ed25519 ? MessageVerifier.ed25519(chainId) : new MacVerifier();
  }

  public Hash32 chainId() {
    return chainId;
  }

  public boolean usesEd25519() {
    return ed25519;
  }

  public PublicKey publicKey(int validator) {
    return publicKeys.get(validator);
  }

  public Signer signer(int validator) {
    return signers.get(validator);
  }

  public MessageVerifier verifier() {
    return verifier;
  }

  /** The index of {@code key} among the validators, or -1. */
  public int indexOf(PublicKey key) {
    return publicKeys.indexOf(key);
  }

  private static synchronized KeyPair ed25519Key(int index) {
    return ED25519_CACHE.computeIfAbsent(
        index,
        i ->
            KeyPair.fromSeed(
                Sha256.digest(("sim-ed25519-" + i).getBytes(StandardCharsets.US_ASCII))));
  }

  private static Signer signer(PublicKey key, UnaryOperator<byte[]> sign) {
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return key;
      }

      @Override
      public byte[] sign(byte[] message) {
        return sign.apply(message);
      }
    };
  }

  /** 64 bytes: SHA-256(secret ‖ 0 ‖ msg) ‖ SHA-256(secret ‖ 1 ‖ msg). */
  private static byte[] mac(byte[] secret, byte[] message) {
    byte[] out = new byte[64];
    for (int half = 0; half < 2; half++) {
      System.arraycopy(
          Sha256.digest(secret, new byte[] {(byte) half}, message), 0, out, half * 32, 32);
    }
    return out;
  }

  /**
   * Checks each message object once: the simulated network hands the same immutable object to every
   * receiver, so the verdict is remembered by identity (a run is single-threaded).
   */
  private final class MacVerifier implements MessageVerifier {
    private final Map<Object, Boolean> verdicts = new IdentityHashMap<>();

    @Override
    public boolean verify(Proposal p) {
      return verdicts.computeIfAbsent(
          p, x -> check(p.proposer(), MessageSigning.proposalSignBytes(chainId, p), p.signature()));
    }

    @Override
    public boolean verify(Vote v) {
      return verdicts.computeIfAbsent(
          v, x -> check(v.validator(), MessageSigning.voteSignBytes(chainId, v), v.signature()));
    }

    private boolean check(PublicKey key, byte[] message, byte[] signature) {
      byte[] secret = secrets.get(key);
      return secret != null && MessageDigest.isEqual(mac(secret, message), signature);
    }
  }
}
