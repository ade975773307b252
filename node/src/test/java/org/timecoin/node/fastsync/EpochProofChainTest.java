package org.timecoin.node.fastsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.CommitSignature;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteSignBytes;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.node.fastsync.EpochProofChain.BadProof;
import org.timecoin.node.net.SnapshotMessages.EpochProof;

class EpochProofChainTest {
  static final long E = 10;
  static final Hash32 CHAIN = Sha256.hash("chain-a".getBytes());
  static final Hash32 OTHER_CHAIN = Sha256.hash("chain-b".getBytes());

  /** Validator keys and sets by epoch: epochs 0 and 1 the genesis set, then one of their own. */
  static final class Sets {
    final Map<Long, List<KeyPair>> keys = new HashMap<>();
    final Map<Long, ValidatorSet> sets = new HashMap<>();

    Sets(Random rnd, int epochs) {
      List<KeyPair> genesisKeys = keys("g", 4, rnd);
      ValidatorSet genesis = set(genesisKeys, rnd);
      for (long e = 0; e <= epochs; e++) {
        List<KeyPair> k = e < 2 ? genesisKeys : keys("e" + e, 1 + rnd.nextInt(6), rnd);
        keys.put(e, k);
        sets.put(e, e < 2 ? genesis : set(k, rnd));
      }
    }

    static List<KeyPair> keys(String tag, int n, Random rnd) {
      List<KeyPair> out = new ArrayList<>();
      long salt = rnd.nextLong();
      for (int i = 0; i < n; i++) {
        out.add(KeyPair.fromSeed(Sha256.digest((tag + i + ":" + salt).getBytes())));
      }
      return out;
    }

    static ValidatorSet set(List<KeyPair> keys, Random rnd) {
      List<Validator> vs = new ArrayList<>();
      for (KeyPair k : keys) {
        vs.add(
            new Validator(
                k.publicKey(),
                rnd == null ? 1 : 1 + rnd.nextInt(5),
                Tier.FREE,
                Address.fromPublicKey(k.publicKey())));
      }
      return new ValidatorSet(vs);
    }
  }

  static BlockHeader header(Hash32 chainId, long height, Hash32 nextSetHash) {
    return new BlockHeader(
        1,
        chainId,
        height,
        Sha256.hash(("prev" + height).getBytes()),
        Hash32.ZERO,
        Sha256.hash(("state" + height).getBytes()),
        1_000 + height,
        KeyPair.fromSeed(Sha256.digest("proposer".getBytes())).publicKey(),
        0,
        nextSetHash,
        Hash32.ZERO);
  }

  /** A certificate for {@code header} whose signers sign {@code signedHash} on {@code chainId}. */
  static CommitCertificate certify(
      BlockHeader header, List<KeyPair> signers, Hash32 signedHash, Hash32 chainId) {
    byte[] msg = VoteSignBytes.of(chainId, VoteType.PRECOMMIT, header.height(), 0, signedHash);
    List<CommitSignature> sigs = new ArrayList<>();
    for (KeyPair k : signers) {
      sigs.add(new CommitSignature(k.publicKey(), k.sign(msg)));
    }
    return new CommitCertificate(header.height(), 0, header.hash(), sigs);
  }

  static CommitCertificate certify(BlockHeader header, List<KeyPair> signers) {
    return certify(header, signers, header.hash(), header.chainId());
  }

  /** The honest proof at {@code height}: certified by its epoch's set, naming the next one. */
  static EpochProof proof(Sets s, long height) {
    long epoch = (height - 1) / E;
    ValidatorSet next = s.sets.get(epoch + 1);
    BlockHeader h = header(CHAIN, height, next.hash());
    return new EpochProof(h, certify(h, s.keys.get(epoch)), next);
  }

  static EpochProofChain fresh(Sets s) {
    return new EpochProofChain(CHAIN, s.sets.get(0L), E);
  }

  @Test
  void freshChainKnowsOnlyTheGenesisEpochs() {
    Sets s = new Sets(new Random(1), 3);
    EpochProofChain chain = fresh(s);
    assertThat(chain.provenEpoch()).isEqualTo(1);
    assertThat(chain.nextProofHeight()).isEqualTo(2 * E); // last height of epoch 1
    assertThat(chain.set(0)).contains(s.sets.get(0L));
    assertThat(chain.set(1)).contains(s.sets.get(0L));
    assertThat(chain.set(2)).isEmpty();
    assertThat(chain.setAt(1)).contains(s.sets.get(0L));
    assertThat(chain.setAt(2 * E)).contains(s.sets.get(0L));
    assertThat(chain.setAt(2 * E + 1)).isEmpty();
    assertThat(chain.sets()).containsOnlyKeys(0L, 1L);
    assertThatThrownBy(() -> chain.sets().put(5L, s.sets.get(0L)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void acceptsAValidChainOfProofsFromGenesisOneEpochAtATime() throws Exception {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    int epochs = 3 + rnd.nextInt(5);
    Sets s = new Sets(rnd, epochs + 1);
    EpochProofChain chain = fresh(s);
    for (int i = 0; i < epochs; i++) {
      long before = chain.provenEpoch();
      long at = chain.nextProofHeight();
      assertThat(at).as("seed %d", seed).isEqualTo((before + 1) * E);
      chain.accept(proof(s, at));
      long now = chain.provenEpoch();
      assertThat(now).as("seed %d", seed).isEqualTo(before + 1);
      assertThat(chain.set(now)).as("seed %d", seed).contains(s.sets.get(now));
      assertThat(chain.nextProofHeight()).as("seed %d", seed).isEqualTo((now + 1) * E);
      // setAt: the first and last heights of the newly proven epoch are certified by its set.
      assertThat(chain.setAt(now * E + 1)).as("seed %d", seed).contains(s.sets.get(now));
      assertThat(chain.setAt((now + 1) * E)).as("seed %d", seed).contains(s.sets.get(now));
      assertThat(chain.setAt((now + 1) * E + 1)).as("seed %d", seed).isEmpty();
    }
    assertThat(chain.provenEpoch()).as("seed %d", seed).isEqualTo(1 + epochs);
    for (long e = 0; e <= chain.provenEpoch(); e++) {
      assertThat(chain.set(e)).as("seed %d epoch %d", seed, e).contains(s.sets.get(e));
    }
  }

  @Test
  void anyHeightOfAProvenEpochProvesTheNextSetAndRepeatsAreHarmless() throws Exception {
    Sets s = new Sets(new Random(7), 4);
    EpochProofChain chain = fresh(s);
    chain.accept(proof(s, E + 3)); // mid-epoch-1 header also names the set of epoch 2
    assertThat(chain.provenEpoch()).isEqualTo(2);
    chain.accept(proof(s, 2 * E)); // the same set again: nothing changes
    chain.accept(proof(s, 1)); // an epoch-0 header names the genesis set for epoch 1
    assertThat(chain.provenEpoch()).isEqualTo(2);
    assertThat(chain.set(1)).contains(s.sets.get(0L));
    assertThat(chain.set(2)).contains(s.sets.get(2L));
    assertThat(chain.sets()).hasSize(3);
  }

  /** A bad proof built against {@code s} on a chain that has proven epochs 0 to 2. */
  record Bad(String name, Function<Sets, EpochProof> proof, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> badProofs() {
    return Stream.of(
            new Bad(
                "height 0",
                s -> {
                  BlockHeader h = header(CHAIN, 0, s.sets.get(1L).hash());
                  return new EpochProof(h, certify(h, s.keys.get(0L)), s.sets.get(1L));
                },
                "height 0"),
            new Bad(
                "wrong chain id",
                s -> {
                  BlockHeader h = header(OTHER_CHAIN, 2 * E + 5, s.sets.get(3L).hash());
                  return new EpochProof(h, certify(h, s.keys.get(2L)), s.sets.get(3L));
                },
                "is of chain"),
            new Bad("epoch not proven yet", s -> proof(s, 3 * E + 1), "not proven yet"),
            new Bad("far epoch not proven yet", s -> proof(s, 6 * E), "not proven yet"),
            new Bad(
                "too few signers",
                s -> {
                  EpochProof p = proof(s, 3 * E);
                  return new EpochProof(
                      p.header(), certify(p.header(), s.keys.get(2L).subList(0, 0)), p.nextSet());
                },
                "is not more than 2/3"),
            new Bad(
                "signer outside the set",
                s -> {
                  EpochProof p = proof(s, 3 * E);
                  List<KeyPair> signers = new ArrayList<>(s.keys.get(2L));
                  signers.add(KeyPair.fromSeed(Sha256.digest("outsider".getBytes())));
                  return new EpochProof(p.header(), certify(p.header(), signers), p.nextSet());
                },
                "is not a validator"),
            new Bad(
                "certified by the previous epoch's set",
                s -> {
                  EpochProof p = proof(s, 3 * E);
                  return new EpochProof(
                      p.header(), certify(p.header(), s.keys.get(1L)), p.nextSet());
                },
                "is not a validator"),
            new Bad(
                "signatures over another header",
                s -> {
                  EpochProof p = proof(s, 3 * E);
                  BlockHeader other = header(CHAIN, 3 * E, Hash32.ZERO);
                  return new EpochProof(
                      p.header(),
                      certify(p.header(), s.keys.get(2L), other.hash(), CHAIN),
                      p.nextSet());
                },
                "bad precommit signature"),
            new Bad(
                "signatures for another chain",
                s -> {
                  EpochProof p = proof(s, 3 * E);
                  return new EpochProof(
                      p.header(),
                      certify(p.header(), s.keys.get(2L), p.header().hash(), OTHER_CHAIN),
                      p.nextSet());
                },
                "bad precommit signature"),
            new Bad(
                "certificate of another header",
                s -> {
                  EpochProof p = proof(s, 3 * E);
                  BlockHeader other = header(CHAIN, 3 * E - 1, p.nextSet().hash());
                  return new EpochProof(p.header(), certify(other, s.keys.get(2L)), p.nextSet());
                },
                "certificate is for height"),
            new Bad(
                "next set not the one the header names",
                s -> {
                  EpochProof p = proof(s, 3 * E);
                  return new EpochProof(p.header(), p.certificate(), s.sets.get(4L));
                },
                "not the one it names as next"),
            new Bad(
                "another set for a proven epoch",
                s -> {
                  // Properly certified by the genesis set, but naming another set for epoch 2.
                  ValidatorSet fork = Sets.set(Sets.keys("fork", 3, new Random(3)), null);
                  BlockHeader h = header(CHAIN, 2 * E, fork.hash());
                  return new EpochProof(h, certify(h, s.keys.get(1L)), fork);
                },
                "names another set for epoch 2"),
            new Bad(
                "an epoch-0 header naming a non-genesis set for epoch 1",
                s -> {
                  BlockHeader h = header(CHAIN, 3, s.sets.get(2L).hash());
                  return new EpochProof(h, certify(h, s.keys.get(0L)), s.sets.get(2L));
                },
                "names another set for epoch 1"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badProofs")
  void refusesABadProofAndLearnsNothing(Bad bad) throws Exception {
    long seed = new Random().nextLong();
    Sets s = new Sets(new Random(seed), 6);
    EpochProofChain chain = fresh(s);
    chain.accept(proof(s, 2 * E)); // epoch 2 proven
    Map<Long, ValidatorSet> before = new TreeMap<>(chain.sets());
    long nextBefore = chain.nextProofHeight();

    EpochProof p = bad.proof().apply(s);
    assertThatThrownBy(() -> chain.accept(p))
        .as("seed %d", seed)
        .isInstanceOf(BadProof.class)
        .hasMessageContaining(bad.message());

    assertThat(chain.sets()).as("seed %d", seed).isEqualTo(before);
    assertThat(chain.provenEpoch()).as("seed %d", seed).isEqualTo(2);
    assertThat(chain.nextProofHeight()).as("seed %d", seed).isEqualTo(nextBefore);
    // The chain still accepts the honest proof afterwards.
    chain.accept(proof(s, 3 * E));
    assertThat(chain.set(3)).as("seed %d", seed).contains(s.sets.get(3L));
  }

  @Test
  void aQuorumOfTheSetIsEnoughButNoLess() throws Exception {
    // Equal powers: 3 of 4 is more than 2/3, 2 of 4 is not.
    List<KeyPair> keys = Sets.keys("q", 4, new Random(5));
    ValidatorSet g = Sets.set(keys, null);
    ValidatorSet next = Sets.set(Sets.keys("n", 2, new Random(6)), null);
    BlockHeader h = header(CHAIN, 2 * E, next.hash());

    EpochProofChain two = new EpochProofChain(CHAIN, g, E);
    assertThatThrownBy(() -> two.accept(new EpochProof(h, certify(h, keys.subList(0, 2)), next)))
        .isInstanceOf(BadProof.class);
    assertThat(two.provenEpoch()).isEqualTo(1);

    EpochProofChain three = new EpochProofChain(CHAIN, g, E);
    three.accept(new EpochProof(h, certify(h, keys.subList(1, 4)), next));
    assertThat(three.set(2)).contains(next);
  }
}
