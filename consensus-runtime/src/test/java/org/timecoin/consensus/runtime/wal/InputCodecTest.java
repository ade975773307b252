package org.timecoin.consensus.runtime.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.CodecException;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.Proposal;
import org.timecoin.consensus.TimeoutKind;
import org.timecoin.consensus.Vote;
import org.timecoin.domain.block.Tier;
import org.timecoin.domain.block.Validator;
import org.timecoin.domain.block.ValidatorSet;
import org.timecoin.domain.block.VoteType;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;

class InputCodecTest {
  static LongStream seeds() {
    return LongStream.range(0, 25);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyInputRoundTripsAndReencodesToTheSameBytes(long seed) {
    Random r = new Random(seed);
    for (Input input : randomInputs(r)) {
      byte[] bytes = InputCodec.INSTANCE.encode(input);
      Input back = InputCodec.INSTANCE.decode(bytes);
      assertThat(back).as("seed %d: %s", seed, input).isEqualTo(input);
      assertThat(InputCodec.INSTANCE.encode(back)).as("seed %d", seed).isEqualTo(bytes);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyTruncationIsRefused(long seed) {
    Random r = new Random(seed);
    for (Input input : randomInputs(r)) {
      byte[] bytes = InputCodec.INSTANCE.encode(input);
      int cut = r.nextInt(bytes.length);
      assertThatThrownBy(() -> InputCodec.INSTANCE.decode(Arrays.copyOf(bytes, cut)))
          .as("seed %d cut %d of %s", seed, cut, input)
          .isInstanceOf(CodecException.class);
    }
  }

  @Test
  void unknownTagsAndOrdinalsAreRefused() {
    assertThatThrownBy(() -> InputCodec.INSTANCE.decode(new byte[] {9}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("tag 9");
    byte[] timeout =
        InputCodec.INSTANCE.encode(new Input.TimeoutElapsed(TimeoutKind.PREVOTE, 3, 1));
    timeout[1] = 7;
    assertThatThrownBy(() -> InputCodec.INSTANCE.decode(timeout))
        .isInstanceOf(CodecException.class);
    byte[] vote =
        InputCodec.INSTANCE.encode(
            new Input.VoteReceived(
                new Vote(VoteType.PREVOTE, 1, 0, null, key(1).publicKey(), new byte[64])));
    vote[1] = 9;
    assertThatThrownBy(() -> InputCodec.INSTANCE.decode(vote))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("vote type");
    byte[] trailing = Arrays.copyOf(timeout, timeout.length + 1);
    trailing[1] = 0;
    assertThatThrownBy(() -> InputCodec.INSTANCE.decode(trailing))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("trailing");
  }

  private static List<Input> randomInputs(Random r) {
    List<Input> inputs = new ArrayList<>();
    List<Validator> validators = new ArrayList<>();
    int n = 1 + r.nextInt(5);
    for (int i = 0; i < n; i++) {
      KeyPair k = key(r.nextInt(200) * 10 + i);
      validators.add(
          new Validator(
              k.publicKey(),
              1 + r.nextInt(1000),
              Tier.values()[r.nextInt(Tier.values().length)],
              Address.fromPublicKey(k.publicKey())));
    }
    long height = r.nextLong(1, Long.MAX_VALUE);
    int round = r.nextInt(1000);
    inputs.add(new Input.StartHeight(height, new ValidatorSet(validators)));
    inputs.add(
        new Input.ProposalReceived(
            new Proposal(
                height, round, hash(r), r.nextInt(round + 1) - 1, key(3).publicKey(), sig(r))));
    inputs.add(
        new Input.VoteReceived(
            new Vote(
                r.nextBoolean() ? VoteType.PREVOTE : VoteType.PRECOMMIT,
                height,
                round,
                r.nextBoolean() ? null : hash(r),
                key(4).publicKey(),
                sig(r))));
    inputs.add(
        new Input.TimeoutElapsed(
            TimeoutKind.values()[r.nextInt(TimeoutKind.values().length)], height, round));
    inputs.add(new Input.BlockValidated(height, hash(r), r.nextBoolean()));
    inputs.add(new Input.ValueToPropose(height, round, hash(r)));
    return inputs;
  }

  private static KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[1] = (byte) (i >> 8);
    return KeyPair.fromSeed(seed);
  }

  private static Hash32 hash(Random r) {
    byte[] b = new byte[32];
    r.nextBytes(b);
    return Hash32.wrap(b);
  }

  private static byte[] sig(Random r) {
    byte[] b = new byte[64];
    r.nextBytes(b);
    return b;
  }
}
