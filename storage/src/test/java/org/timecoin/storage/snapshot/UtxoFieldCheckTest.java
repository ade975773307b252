package org.timecoin.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.codec.CodecException;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/**
 * A UTXO chunk is checked in place instead of decoded: the check must accept exactly what the codec
 * decodes, on encodings whose range-checked bytes are often out of range.
 */
class UtxoFieldCheckTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13})
  void theInPlaceCheckAcceptsExactlyWhatTheCodecDecodes(long seed) {
    Random random = new Random(seed);
    int accepted = 0;
    for (int n = 0; n < 5_000; n++) {
      byte[] encoded = new byte[Utxo.ENCODED_SIZE];
      random.nextBytes(encoded);
      // Most random bytes would fail the sign bits at once; clear them often to reach the rest.
      // The top (sign) bytes of the output index, the amount and the height, little-endian.
      int index = OutPoint.ENCODED_SIZE - 1;
      int amount = OutPoint.ENCODED_SIZE + 8 - 1;
      int height = OutPoint.ENCODED_SIZE + TxOut.ENCODED_SIZE + 8 - 1;
      for (int top : new int[] {index, amount, height}) {
        if (random.nextInt(4) != 0) {
          encoded[top] &= 0x7F;
        }
      }
      if (random.nextInt(4) != 0) {
        encoded[Utxo.ENCODED_SIZE - 1] = (byte) random.nextInt(3);
      }
      boolean decodes;
      try {
        Utxo.CODEC.decode(encoded);
        decodes = true;
      } catch (CodecException | IllegalArgumentException e) {
        decodes = false;
      }
      assertThat(SnapshotChunk.badUtxoField(encoded, 0) == null)
          .as("encoding %d of seed %d", n, seed)
          .isEqualTo(decodes);
      accepted += decodes ? 1 : 0;
    }
    assertThat(accepted).as("both outcomes are exercised").isBetween(100, 4_900);
  }
}
