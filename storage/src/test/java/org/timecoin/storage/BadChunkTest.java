package org.timecoin.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.kv.MemoryKvStore;
import org.timecoin.storage.snapshot.BadChunkException;
import org.timecoin.storage.snapshot.BadChunkException.Reason;
import org.timecoin.storage.snapshot.ChunkInfo;
import org.timecoin.storage.snapshot.ChunkKind;
import org.timecoin.storage.snapshot.SnapshotManifest;
import org.timecoin.storage.tools.DeterministicChain;

/**
 * Each way a chunk can disagree with its manifest entry. Past the SHA-256 check, a tampered chunk
 * is given an entry whose length and SHA-256 match it (as a lying peer's manifest could), so the
 * later checks are reached.
 */
class BadChunkTest {
  static final Hash32 CHAIN = Hash32.fromHex("77".repeat(32));
  static final int ELEMENT = Utxo.ENCODED_SIZE;
  static final int FIRST = 5; // after the kind and the count

  WrittenSnapshot snap;
  ChainStore target;

  @BeforeEach
  void writeSnapshot() {
    try (ChainStore source = memory()) {
      ChainStoreTest.applyAll(source, new DeterministicChain(9, CHAIN, 20), 6);
      snap = WrittenSnapshot.of(source);
    }
    assertThat(snap.manifest().chunks().get(0).kind()).isEqualTo(ChunkKind.UTXOS);
    target = memory();
  }

  @AfterEach
  void close() {
    target.close();
  }

  static ChainStore memory() {
    return ChainStore.open(
        new MemoryKvStore(ChainSchema.COLUMNS), StorageConfig.defaults(Path.of("mem")), CHAIN);
  }

  /** Imports a tampered chunk 0 under the snapshot's own manifest. */
  BadChunkException asServed(UnaryOperator<byte[]> tamper) {
    target.beginChunkedImport(snap.manifest());
    return refused(tamper.apply(snap.chunks().get(0).clone()));
  }

  /** Imports a tampered chunk 0 under a manifest whose entry matches its length and SHA-256. */
  BadChunkException withMatchingEntry(UnaryOperator<byte[]> tamper) {
    byte[] bytes = tamper.apply(snap.chunks().get(0).clone());
    SnapshotManifest m = snap.manifest();
    List<ChunkInfo> chunks = new ArrayList<>(m.chunks());
    ChunkInfo c = chunks.get(0);
    chunks.set(
        0,
        new ChunkInfo(c.kind(), c.elementCount(), bytes.length, Sha256.hash(bytes), c.lattice()));
    target.beginChunkedImport(
        new SnapshotManifest(m.height(), m.blockHash(), m.stateRoot(), chunks));
    return refused(bytes);
  }

  BadChunkException refused(byte[] bytes) {
    BadChunkException e = null;
    try {
      target.importChunk(0, bytes);
    } catch (BadChunkException thrown) {
      e = thrown;
    }
    assertThat(e).as("the chunk is refused").isNotNull();
    assertThat(e.index()).isZero();
    assertThat(target.importedChunks().isEmpty()).isTrue();
    try (Stream<Utxo> all = target.utxos().streamUtxos()) {
      assertThat(all).as("nothing written").isEmpty();
    }
    return e;
  }

  @Test
  void longerChunkIsRefusedByItsLength() {
    assertThat(asServed(b -> Arrays.copyOf(b, b.length + 1)).reason()).isEqualTo(Reason.LENGTH);
  }

  @Test
  void changedByteIsRefusedByItsSha256() {
    assertThat(asServed(b -> flip(b, FIRST + 40)).reason()).isEqualTo(Reason.SHA256);
  }

  @Test
  void otherKindIsRefused() {
    assertThat(withMatchingEntry(b -> set(b, 0, ChunkKind.RECORDS.code())).reason())
        .isEqualTo(Reason.KIND);
  }

  @Test
  void otherCountIsRefused() {
    assertThat(withMatchingEntry(b -> set(b, 1, b[1] - 1)).reason()).isEqualTo(Reason.COUNT);
  }

  @Test
  void undecodableElementIsRefused() {
    // The coinbase flag of the first UTXO, a bool, set to 2.
    assertThat(withMatchingEntry(b -> set(b, FIRST + ELEMENT - 1, 2)).reason())
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void truncatedChunkIsRefusedAsMalformed() {
    assertThat(withMatchingEntry(b -> Arrays.copyOf(b, b.length - 1)).reason())
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void elementsOutOfOrderAreRefused() {
    BadChunkException e =
        withMatchingEntry(
            b -> {
              byte[] first = Arrays.copyOfRange(b, FIRST, FIRST + ELEMENT);
              System.arraycopy(b, FIRST + ELEMENT, b, FIRST, ELEMENT);
              System.arraycopy(first, 0, b, FIRST + ELEMENT, ELEMENT);
              return b;
            });
    assertThat(e.reason()).isEqualTo(Reason.ORDER);
  }

  @Test
  void trailingBytesAreRefused() {
    assertThat(withMatchingEntry(b -> Arrays.copyOf(b, b.length + 1)).reason())
        .isEqualTo(Reason.TRAILING);
  }

  @Test
  void otherElementsAreRefusedByTheLattice() {
    // The low byte of the first UTXO's amount: still a valid, ordered chunk.
    assertThat(withMatchingEntry(b -> flip(b, FIRST + 36)).reason()).isEqualTo(Reason.LATTICE);
  }

  @Test
  void goodChunkIsAcceptedAfterABadOne() throws BadChunkException {
    asServed(b -> flip(b, FIRST + 40));
    assertThat(target.importChunk(0, snap.chunks().get(0))).isTrue();
  }

  @Test
  void indexOutsideTheManifestIsRefused() {
    target.beginChunkedImport(snap.manifest());
    int past = snap.chunks().size();
    assertThatThrownBy(() -> target.importChunk(past, snap.chunks().get(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void chunkWithoutAnImportIsRefused() {
    assertThatThrownBy(() -> target.importChunk(0, snap.chunks().get(0)))
        .isInstanceOf(IllegalStateException.class);
  }

  private static byte[] flip(byte[] b, int at) {
    b[at] ^= 1;
    return b;
  }

  private static byte[] set(byte[] b, int at, int value) {
    b[at] = (byte) value;
    return b;
  }
}
