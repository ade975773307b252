package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/** A bulk load slices a UTXO's store entries out of its canonical encoding: the formats agree. */
class ChainSchemaSlicesTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void slicesOfTheEncodingAreTheStoreEntries(long seed) {
    Random random = new Random(seed);
    byte[] txid = new byte[Hash32.SIZE];
    byte[] payload = new byte[Address.SIZE];
    random.nextBytes(txid);
    random.nextBytes(payload);
    Utxo u =
        new Utxo(
            new OutPoint(Hash32.of(txid), random.nextInt(Integer.MAX_VALUE)),
            new TxOut(random.nextLong(Long.MAX_VALUE), Address.ofPayload(payload)),
            random.nextLong(Long.MAX_VALUE),
            random.nextBoolean());
    int at = random.nextInt(100);
    byte[] encoded = new byte[at + Utxo.ENCODED_SIZE + random.nextInt(100)];
    System.arraycopy(Utxo.CODEC.encode(u), 0, encoded, at, Utxo.ENCODED_SIZE);

    assertThat(ChainSchema.utxoKeyAt(encoded, at)).isEqualTo(ChainSchema.utxoKey(u.outPoint()));
    assertThat(ChainSchema.utxoValueAt(encoded, at)).isEqualTo(ChainSchema.utxoValue(u));
    assertThat(ChainSchema.addressKeyAt(encoded, at))
        .isEqualTo(ChainSchema.addressKey(u.address(), u.outPoint()));
  }
}
