package org.timecoin.consensus.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.consensus.MessageSigning;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.ProposerSelector;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.domain.tx.Address;

/** A test chain: n equal-power validators with fixed keys, and methods that sign as any of them. */
final class TestChain {
  final Hash32 chainId = Sha256.hash("runtime test chain".getBytes(UTF_8));
  final List<KeyPair> keys = new ArrayList<>();
  final ValidatorSet validators;

  TestChain(int n) {
    List<Validator> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] seed = new byte[32];
      seed[0] = (byte) (i + 1);
      KeyPair key = KeyPair.fromSeed(seed);
      keys.add(key);
      list.add(
          new Validator(key.publicKey(), 10, Tier.BRONZE, Address.fromPublicKey(key.publicKey())));
    }
    validators = new ValidatorSet(list);
  }

  int indexOf(PublicKey key) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).publicKey().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a validator: " + key);
  }

  int proposerIndex(long height, int round) {
    return indexOf(ProposerSelector.proposer(validators, height, round));
  }

  /** Some validator that does not propose (height, round 0). */
  int nonProposerIndex(long height) {
    return (proposerIndex(height, 0) + 1) % keys.size();
  }

  Block block(long height, int round, int proposer, Hash32 prevHash, long timestamp) {
    return new Block(
        new BlockHeader(
            1,
            chainId,
            height,
            prevHash,
            Hash32.ZERO,
            Hash32.ZERO,
            timestamp,
            keys.get(proposer).publicKey(),
            round,
            Hash32.ZERO,
            LastCommit.empty().hash()),
        LastCommit.empty(),
        List.of());
  }

  Proposal proposal(int signer, long height, int round, Hash32 value, int validRound) {
    byte[] bytes = MessageSigning.proposalSignBytes(chainId, height, round, value, validRound);
    KeyPair key = keys.get(signer);
    return new Proposal(height, round, value, validRound, key.publicKey(), key.sign(bytes));
  }

  Vote vote(int signer, VoteType type, long height, int round, Hash32 value) {
    byte[] bytes = MessageSigning.voteSignBytes(chainId, type, height, round, value);
    KeyPair key = keys.get(signer);
    return new Vote(type, height, round, value, key.publicKey(), key.sign(bytes));
  }
}
