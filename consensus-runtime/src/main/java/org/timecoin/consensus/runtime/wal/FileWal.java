package org.timecoin.consensus.runtime.wal;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.CodecException;
import org.timecoin.common.time.Clock;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.runtime.ConsensusLog;
import org.timecoin.domain.block.Block;

/**
 * The consensus WAL on disk: one segment per height (see {@link HeightSegmentLog}) holding the
 * height's inputs and the candidate blocks seen with its proposals (needed to finalize a decision
 * replayed after a restart).
 *
 * <p>Durability: {@link #append(Input, boolean)} with {@code sync} (the engine's own signed
 * messages) fsyncs before returning; everything else is group-committed by {@link #groupCommit()}
 * at the end of each batch of the owner loop (and once more after the interval if the loop goes
 * quiet), so received votes do not cost one fsync each. A {@link Input.StartHeight} of a new height
 * opens that height's segment. Owner thread only, except {@link #pruneBelow}.
 */
public final class FileWal implements ConsensusLog<Block> {
  private static final int INPUT = 1;
  private static final int BLOCK = 2;

  private final HeightSegmentLog log;

  public FileWal(Path dir, Clock clock, Duration groupCommitInterval, MeterRegistry registry) {
    this.log = new HeightSegmentLog(dir, clock, groupCommitInterval, registry);
  }

  /**
   * Opens the segment of {@code height} for appending and returns what it holds. A torn tail is
   * truncated; damage before the tail throws {@link WalCorruptedException}.
   */
  @Override
  public Recovered<Block> recover(long height) {
    List<Input> inputs = new ArrayList<>();
    List<Block> blocks = new ArrayList<>();
    Path file = log.segment(height);
    long index = 0;
    for (byte[] payload : log.openHeight(height)) {
      try {
        ByteReader in = new ByteReader(payload);
        int kind = in.u8();
        switch (kind) {
          case INPUT -> inputs.add(InputCodec.INSTANCE.read(in));
          case BLOCK -> blocks.add(Block.CODEC.read(in));
          default -> throw new CodecException("unknown WAL record kind " + kind);
        }
        in.expectEnd();
      } catch (CodecException | IllegalArgumentException e) {
        // The checksum matched, so these bytes are what we wrote: a record we cannot read is a
        // format mismatch (another version wrote it), not a torn write.
        throw new IllegalStateException(
            "consensus WAL " + file + ": record " + index + " does not decode: " + e.getMessage(),
            e);
      }
      index++;
    }
    return new Recovered<>(inputs, blocks);
  }

  @Override
  public void append(Input input, boolean sync) {
    if (input instanceof Input.StartHeight sh && sh.height() != log.currentHeight()) {
      log.openFreshHeight(sh.height());
    }
    ByteWriter out = new ByteWriter(128);
    out.u8(INPUT);
    InputCodec.INSTANCE.write(out, input);
    log.append(out.toByteArray());
    if (sync) {
      log.sync();
    }
  }

  @Override
  public void appendBlock(Block block) {
    ByteWriter out = new ByteWriter(block.encodedSize() + 1);
    out.u8(BLOCK);
    Block.CODEC.write(out, block);
    log.append(out.toByteArray());
  }

  @Override
  public boolean groupCommit() {
    return log.syncIfDue();
  }

  /** Forces pending records to disk now. */
  public void sync() {
    log.sync();
  }

  @Override
  public void pruneBelow(long height) {
    log.deleteBelow(height);
  }

  public long currentHeight() {
    return log.currentHeight();
  }

  @Override
  public void close() {
    log.close();
  }
}
