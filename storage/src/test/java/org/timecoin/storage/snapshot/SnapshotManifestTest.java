package org.timecoin.storage.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timecoin.common.Hash32;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.CodecException;
import org.timecoin.storage.commit.LtHash16;

class SnapshotManifestTest {
  static final Hash32 BLOCK = Hash32.fromHex("0a".repeat(32));

  static ChunkInfo chunk(ChunkKind kind, String element) {
    LtHash16 lattice = LtHash16.empty().add(element.getBytes());
    return new ChunkInfo(kind, 3, 1000, Hash32.fromHex("0b".repeat(32)), lattice);
  }

  static SnapshotManifest manifest() {
    List<ChunkInfo> chunks =
        List.of(
            chunk(ChunkKind.UTXOS, "a"),
            chunk(ChunkKind.UTXOS, "b"),
            chunk(ChunkKind.RECORDS, "c"));
    LtHash16 sum = LtHash16.empty();
    chunks.forEach(c -> sum.add(c.lattice()));
    return new SnapshotManifest(42, BLOCK, sum.digest(), chunks);
  }

  @Test
  void roundTripsCanonically() {
    SnapshotManifest m = manifest();
    byte[] bytes = m.encode();
    assertThat(SnapshotManifest.decode(bytes)).isEqualTo(m);
    assertThat(SnapshotManifest.decode(bytes).encode()).isEqualTo(bytes);
    assertThat(SnapshotManifest.decode(bytes).id()).isEqualTo(m.id());
    assertThat(m.totalBytes()).isEqualTo(3000);
    assertThat(m.elementCount(ChunkKind.UTXOS)).isEqualTo(6);
  }

  @Test
  void checksItsLatticesAgainstTheTrustedRoot() {
    SnapshotManifest m = manifest();
    m.checkAgainst(m.stateRoot());
    assertThatThrownBy(() -> m.checkAgainst(BLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected");
    SnapshotManifest lying =
        new SnapshotManifest(42, BLOCK, m.stateRoot(), m.chunks().subList(0, 2));
    assertThatThrownBy(() -> lying.checkAgainst(m.stateRoot()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add up to");
  }

  @Test
  void latticeIsCopiedInAndOut() {
    ChunkInfo c = chunk(ChunkKind.UTXOS, "a");
    c.lattice().add("x".getBytes());
    assertThat(c).isEqualTo(chunk(ChunkKind.UTXOS, "a"));
  }

  @Test
  void tooManyChunksAreRefusedBeforeAllocating() {
    byte[] header = header(SnapshotFormat.MAX_CHUNKS + 1);
    assertThatThrownBy(() -> SnapshotManifest.decode(header))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("exceeds limit");
  }

  @Test
  void chunkLongerThanTheLimitIsRefused() {
    ChunkInfo big =
        new ChunkInfo(
            ChunkKind.UTXOS, 1, SnapshotFormat.MAX_CHUNK_BYTES + 1, BLOCK, LtHash16.empty());
    byte[] bytes = new SnapshotManifest(1, BLOCK, BLOCK, List.of(big)).encode();
    assertThatThrownBy(() -> SnapshotManifest.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("bytes");
  }

  @Test
  void emptyChunkIsRefused() {
    ChunkInfo empty = new ChunkInfo(ChunkKind.UTXOS, 0, 5, BLOCK, LtHash16.empty());
    byte[] bytes = new SnapshotManifest(1, BLOCK, BLOCK, List.of(empty)).encode();
    assertThatThrownBy(() -> SnapshotManifest.decode(bytes)).isInstanceOf(CodecException.class);
  }

  @Test
  void manifestLongerThanTheLimitIsRefused() {
    byte[] huge = new byte[SnapshotFormat.MAX_MANIFEST_BYTES + 1];
    assertThatThrownBy(() -> SnapshotManifest.decode(huge))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("bytes");
  }

  @Test
  void utxoChunkAfterRecordChunkIsRefused() {
    SnapshotManifest m = manifest();
    List<ChunkInfo> reversed = new java.util.ArrayList<>(m.chunks());
    Collections.reverse(reversed);
    byte[] bytes = new SnapshotManifest(42, BLOCK, m.stateRoot(), reversed).encode();
    assertThatThrownBy(() -> SnapshotManifest.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("after a record chunk");
  }

  @Test
  void otherVersionOrTrailingBytesAreRefused() {
    byte[] bytes = manifest().encode();
    bytes[0] = 2;
    assertThatThrownBy(() -> SnapshotManifest.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version");
    byte[] longer = java.util.Arrays.copyOf(manifest().encode(), manifest().encode().length + 1);
    assertThatThrownBy(() -> SnapshotManifest.decode(longer)).isInstanceOf(CodecException.class);
  }

  private static byte[] header(long chunkCount) {
    return new ByteWriter()
        .u32(SnapshotFormat.VERSION)
        .u64(1)
        .hash(BLOCK)
        .hash(BLOCK)
        .u32(chunkCount)
        .toByteArray();
  }
}
