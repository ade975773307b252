package org.timecoin.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteWriterTest {
  @Test
  void bytesHandedOverFromAFullBufferStayAsTheyWereWhenWritingGoesOn() {
    ByteWriter out = new ByteWriter(16);
    out.u64(1).u64(2); // exactly full
    byte[] first = out.toByteArray();
    assertThat(out.toByteArray()).as("handed over, not copied").isSameAs(first);
    out.u8(0xff);
    out.u64(3);
    assertThat(first).hasSize(16).isEqualTo(new ByteWriter(16).u64(1).u64(2).toByteArray());
    assertThat(out.toByteArray()).hasSize(25).startsWith(first);
  }

  @Test
  void aWriterWithRoomLeftReturnsOnlyWhatWasWritten() {
    ByteWriter out = new ByteWriter(64);
    out.u32(7);
    byte[] bytes = out.toByteArray();
    assertThat(bytes).containsExactly(7, 0, 0, 0);
    out.u8(1);
    assertThat(bytes).containsExactly(7, 0, 0, 0);
  }
}
