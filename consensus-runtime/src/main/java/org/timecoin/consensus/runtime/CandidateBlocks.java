package org.timecoin.consensus.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.timecoin.common.Hash32;
import org.timecoin.domain.crypto.PublicKey;

/**
 * Blocks that came with proposals (or from our producer), by hash, for the current and the next
 * height: validated, re-proposed and finalized by hash. Owner thread only.
 *
 * <p>Bounded so that a Byzantine proposer cannot fill memory: per height at most {@value
 * #MAX_PER_HEIGHT} blocks, and per (height, proposer) — the proposal's signer, not what the block
 * header claims — at most {@value #MAX_PER_PROPOSER} blocks and {@code maxBytesPerProposer} bytes.
 * An honest proposer sends one block per round it leads, so its share lasts {@value
 * #MAX_PER_PROPOSER} of its rounds at one height. Our own blocks, and those recovered from the WAL,
 * are kept whatever the shares say.
 */
final class CandidateBlocks<B> {
  static final int MAX_PER_HEIGHT = 64;
  static final int MAX_PER_PROPOSER = 8;

  /** What {@link #add} did. */
  enum Added {
    ADDED,
    KNOWN,
    HEIGHT_FULL,
    PROPOSER_FULL;

    /** True when the block is held now, so its proposal can be acted on. */
    boolean held() {
      return this == ADDED || this == KNOWN;
    }
  }

  private record Share(long height, PublicKey proposer) {}

  private final long maxBytesPerProposer;
  private final BlockKind<B> kind;
  private final Map<Hash32, B> byHash = new HashMap<>();
  private final Map<Hash32, Integer> sizeByHash = new HashMap<>();
  private final Map<Long, Integer> countByHeight = new HashMap<>();
  private final Map<Share, long[]> shares = new HashMap<>();
  private long bytes;

  CandidateBlocks(long maxBytesPerProposer, BlockKind<B> kind) {
    this.maxBytesPerProposer = maxBytesPerProposer;
    this.kind = kind;
  }

  /** Adds a block that came with {@code proposer}'s signed proposal, within its share. */
  Added add(B block, PublicKey proposer) {
    if (byHash.containsKey(kind.hash(block))) {
      return Added.KNOWN;
    }
    int count = countByHeight.getOrDefault(kind.height(block), 0);
    if (count >= MAX_PER_HEIGHT) {
      return Added.HEIGHT_FULL;
    }
    int size = kind.encodedSize(block);
    long[] share =
        shares.computeIfAbsent(new Share(kind.height(block), proposer), s -> new long[2]);
    if (share[0] >= MAX_PER_PROPOSER || share[1] + size > maxBytesPerProposer) {
      return Added.PROPOSER_FULL;
    }
    share[0]++;
    share[1] += size;
    put(block, size);
    return Added.ADDED;
  }

  /** Adds our own block, or one recovered from the WAL: no share applies. */
  boolean addOwn(B block) {
    if (byHash.containsKey(kind.hash(block))) {
      return false;
    }
    put(block, kind.encodedSize(block));
    return true;
  }

  private void put(B block, int size) {
    Hash32 hash = kind.hash(block);
    byHash.put(hash, block);
    sizeByHash.put(hash, size);
    countByHeight.merge(kind.height(block), 1, Integer::sum);
    bytes += size;
  }

  B get(Hash32 hash) {
    return byHash.get(hash);
  }

  /** The blocks held for {@code height}. */
  List<B> ofHeight(long height) {
    List<B> out = new ArrayList<>();
    for (B b : byHash.values()) {
      if (kind.height(b) == height) {
        out.add(b);
      }
    }
    return out;
  }

  void dropBelow(long height) {
    byHash
        .values()
        .removeIf(
            b -> {
              if (kind.height(b) >= height) {
                return false;
              }
              bytes -= sizeByHash.remove(kind.hash(b));
              return true;
            });
    countByHeight.keySet().removeIf(h -> h < height);
    shares.keySet().removeIf(s -> s.height() < height);
  }

  void clear() {
    byHash.clear();
    sizeByHash.clear();
    countByHeight.clear();
    shares.clear();
    bytes = 0;
  }

  int size() {
    return byHash.size();
  }

  /** Encoded bytes of the blocks held. */
  long bytes() {
    return bytes;
  }
}
