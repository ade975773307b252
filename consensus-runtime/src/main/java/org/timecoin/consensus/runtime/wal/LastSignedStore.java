package org.timecoin.consensus.runtime.wal;

import java.nio.file.Path;
import java.util.Optional;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.CodecException;
import org.timecoin.consensus.LastSigned;
import org.timecoin.consensus.SignGuardPort;
import org.timecoin.consensus.Step;

/**
 * The sign guard's record on disk: the last (height, round, step) this validator signed and the
 * hash of the bytes signed, replaced atomically (see {@link AtomicRecordFile}) and durable before
 * the engine signs. Encoded as u64 height ‖ i32 round ‖ u8 step ‖ hash(32).
 */
public final class LastSignedStore implements SignGuardPort {
  private final AtomicRecordFile file;

  public LastSignedStore(Path file) {
    this.file = new AtomicRecordFile(file);
  }

  @Override
  public Optional<LastSigned> load() {
    return file.read().map(this::decode);
  }

  @Override
  public void store(LastSigned last) {
    ByteWriter out = new ByteWriter(45);
    out.u64(last.height()).i32(last.round()).u8(last.step().ordinal()).hash(last.signBytesHash());
    file.write(out.toByteArray());
  }

  private LastSigned decode(byte[] bytes) {
    try {
      ByteReader in = new ByteReader(bytes);
      long height = in.u64();
      int round = in.i32();
      int step = in.u8();
      if (step >= Step.values().length) {
        throw new CodecException("unknown step " + step);
      }
      LastSigned last = new LastSigned(height, round, Step.values()[step], in.hash());
      in.expectEnd();
      return last;
    } catch (CodecException e) {
      throw new IllegalStateException(
          file.path() + " does not decode (" + e.getMessage() + "); refusing to sign without it",
          e);
    }
  }
}
