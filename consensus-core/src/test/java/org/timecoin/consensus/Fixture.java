package org.timecoin.consensus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;

/** Validators with fixed keys, in validator-set order, and signed messages between them. */
final class Fixture {
  static final Hash32 CHAIN = Sha256.hash("consensus-core-test".getBytes(StandardCharsets.UTF_8));

  final List<KeyPair> keys;
  final ValidatorSet set;

  Fixture(long... powers) {
    List<KeyPair> ks = new ArrayList<>();
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < powers.length; i++) {
      KeyPair k = KeyPair.fromSeed(seed(i));
      ks.add(k);
      vs.add(
          new Validator(k.publicKey(), powers[i], Tier.FREE, Address.fromPublicKey(k.publicKey())));
    }
    ks.sort(Comparator.comparing(KeyPair::publicKey));
    this.keys = List.copyOf(ks);
    this.set = new ValidatorSet(vs);
  }

  /** {@code n} validators of power 1. */
  static Fixture equal(int n) {
    long[] p = new long[n];
    java.util.Arrays.fill(p, 1);
    return new Fixture(p);
  }

  static byte[] seed(int i) {
    byte[] s = new byte[32];
    s[0] = (byte) (i + 1);
    s[1] = 0x5a;
    return s;
  }

  static Hash32 value(String name) {
    return Sha256.hash(("block " + name).getBytes(StandardCharsets.UTF_8));
  }

  /** A key that is not in the set. */
  static KeyPair outsider() {
    byte[] s = new byte[32];
    s[0] = (byte) 0xee;
    return KeyPair.fromSeed(s);
  }

  PublicKey pk(int i) {
    return keys.get(i).publicKey();
  }

  int size() {
    return keys.size();
  }

  int indexOf(PublicKey key) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).publicKey().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a validator: " + key);
  }

  int proposer(long h, int r) {
    return indexOf(ProposerSelector.proposer(set, h, r));
  }

  static Vote vote(KeyPair k, VoteType type, long h, int r, Hash32 v) {
    byte[] sig = k.sign(MessageSigning.voteSignBytes(CHAIN, type, h, r, v));
    return new Vote(type, h, r, v, k.publicKey(), sig);
  }

  Vote prevote(int i, long h, int r, Hash32 v) {
    return vote(keys.get(i), VoteType.PREVOTE, h, r, v);
  }

  Vote precommit(int i, long h, int r, Hash32 v) {
    return vote(keys.get(i), VoteType.PRECOMMIT, h, r, v);
  }

  static Proposal proposal(KeyPair k, long h, int r, Hash32 v, int vr) {
    byte[] sig = k.sign(MessageSigning.proposalSignBytes(CHAIN, h, r, v, vr));
    return new Proposal(h, r, v, vr, k.publicKey(), sig);
  }

  /** The proposal of proposer(h, r). */
  Proposal proposal(long h, int r, Hash32 v, int vr) {
    return proposal(keys.get(proposer(h, r)), h, r, v, vr);
  }

  Input.VoteReceived prevoteIn(int i, long h, int r, Hash32 v) {
    return new Input.VoteReceived(prevote(i, h, r, v));
  }

  Input.VoteReceived precommitIn(int i, long h, int r, Hash32 v) {
    return new Input.VoteReceived(precommit(i, h, r, v));
  }

  Input.ProposalReceived proposalIn(long h, int r, Hash32 v, int vr) {
    return new Input.ProposalReceived(proposal(h, r, v, vr));
  }

  Input.StartHeight start(long h) {
    return new Input.StartHeight(h, set);
  }

  Signer signer(int i) {
    KeyPair k = keys.get(i);
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return k.publicKey();
      }

      @Override
      public byte[] sign(byte[] message) {
        return k.sign(message);
      }
    };
  }
}
