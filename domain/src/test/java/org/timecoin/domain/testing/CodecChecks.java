package org.timecoin.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.timecoin.common.codec.Codec;
import org.timecoin.common.codec.CodecException;

/** The two properties every canonical codec must have (DESIGN.md §3). */
public final class CodecChecks {
  private CodecChecks() {}

  /** decode(encode(x)) equals x and re-encodes to the same bytes. */
  public static <T> void roundTrips(Codec<T> codec, T value) {
    byte[] bytes = codec.encode(value);
    T decoded = codec.decode(bytes);
    assertThat(decoded).isEqualTo(value);
    assertThat(codec.encode(decoded)).isEqualTo(bytes);
  }

  /**
   * Mutates the encoding of {@code value} (byte flips, truncation, extension) {@code rounds} times:
   * each result must either fail with CodecException or decode to a value that re-encodes to
   * exactly the mutated bytes.
   */
  public static <T> void mutationsFailOrReencode(
      Codec<T> codec, T value, Random random, int rounds) {
    byte[] original = codec.encode(value);
    for (int r = 0; r < rounds; r++) {
      byte[] mutated = mutate(original, random);
      T decoded;
      try {
        decoded = codec.decode(mutated);
      } catch (CodecException expected) {
        continue;
      } catch (RuntimeException e) {
        fail("decoding mutated bytes threw " + e + " instead of CodecException", e);
        return;
      }
      assertThat(codec.encode(decoded)).as("re-encoding of a mutated input").isEqualTo(mutated);
    }
  }

  private static byte[] mutate(byte[] original, Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> Arrays.copyOf(original, random.nextInt(original.length + 1));
      case 1 -> {
        byte[] longer = Arrays.copyOf(original, original.length + 1 + random.nextInt(8));
        for (int i = original.length; i < longer.length; i++) {
          longer[i] = (byte) random.nextInt();
        }
        yield longer;
      }
      default -> {
        byte[] flipped = original.clone();
        if (flipped.length > 0) {
          int flips = 1 + random.nextInt(3);
          for (int i = 0; i < flips; i++) {
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
          }
        }
        yield flipped;
      }
    };
  }
}
