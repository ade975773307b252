package org.timecoin.consensus.runtime.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The valid records of one segment file and where they end. A damaged region that runs to the end
 * of the file is a torn tail (the crash interrupted the last append); a damaged region followed by
 * any valid record is corruption and raises {@link WalCorruptedException}.
 */
record WalSegmentScan(List<byte[]> payloads, long validEnd, long fileSize) {

  boolean hasTornTail() {
    return validEnd < fileSize;
  }

  static WalSegmentScan of(Path file) throws IOException {
    byte[] data = Files.readAllBytes(file);
    int end = data.length;
    List<byte[]> payloads = new ArrayList<>();
    int pos = 0;
    while (pos < end) {
      int length = WalRecordFormat.validPayloadLengthAt(data, pos, end);
      if (length < 0) {
        int next = nextValidRecord(data, pos, end);
        if (next >= 0) {
          throw new WalCorruptedException(file, pos, next);
        }
        break;
      }
      int start = pos + WalRecordFormat.HEADER_SIZE;
      payloads.add(Arrays.copyOfRange(data, start, start + length));
      pos = start + length;
    }
    return new WalSegmentScan(List.copyOf(payloads), pos, end);
  }

  /**
   * Offset of the first valid record after the damaged one at {@code bad}, or -1. The record the
   * damaged header claims to be followed by is checked first (the usual case: a damaged payload
   * with an intact length); otherwise every later offset is tried, since the length may be wrong.
   */
  private static int nextValidRecord(byte[] data, int bad, int end) {
    if (end - bad >= WalRecordFormat.HEADER_SIZE) {
      long claimed =
          (data[bad] & 0xFFL)
              | (data[bad + 1] & 0xFFL) << 8
              | (data[bad + 2] & 0xFFL) << 16
              | (data[bad + 3] & 0xFFL) << 24;
      long after = bad + WalRecordFormat.HEADER_SIZE + claimed;
      if (after < end && WalRecordFormat.validPayloadLengthAt(data, (int) after, end) >= 0) {
        return (int) after;
      }
    }
    for (int p = bad + 1; p <= end - WalRecordFormat.HEADER_SIZE - 1; p++) {
      if (WalRecordFormat.validPayloadLengthAt(data, p, end) >= 0) {
        return p;
      }
    }
    return -1;
  }
}
