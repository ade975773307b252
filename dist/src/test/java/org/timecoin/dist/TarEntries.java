package org.timecoin.dist;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream (ustar, with PAX and GNU long names) entry by entry, as an image tar and its
 * layers are written.
 */
final class TarEntries {
  /** One entry's header; {@code content} may be read up to {@code size} bytes. */
  record Entry(String name, int mode, long uid, long gid, long size, char type) {
    boolean isDirectory() {
      return type == '5';
    }
  }

  interface Visitor {
    void visit(Entry entry, InputStream content) throws IOException;
  }

  private TarEntries() {}

  static void forEach(InputStream in, Visitor visitor) throws IOException {
    byte[] header = new byte[512];
    String longName = null;
    while (true) {
      if (!readFully(in, header)) {
        return;
      }
      if (allZero(header)) {
        return;
      }
      char type = (char) (header[156] == 0 ? '0' : header[156]);
      long size = octal(header, 124, 12);
      if (type == 'x' || type == 'L') { // the next entry's long name
        byte[] data = in.readNBytes((int) size);
        skip(in, pad(size));
        longName = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
        continue;
      }
      String name = cString(header, 0, 100);
      String prefix = cString(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      if (longName != null) {
        name = longName;
        longName = null;
      }
      Entry e =
          new Entry(
              name,
              (int) octal(header, 100, 8),
              octal(header, 108, 8),
              octal(header, 116, 8),
              size,
              type);
      BoundedInput content = new BoundedInput(in, size);
      visitor.visit(e, content);
      skip(in, content.remaining + pad(size));
    }
  }

  private static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    String found = null;
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        found = record.substring(space + 1 + "path=".length());
      }
    }
    return found;
  }

  private static long pad(long size) {
    return (512 - size % 512) % 512;
  }

  private static boolean readFully(InputStream in, byte[] b) throws IOException {
    int n = in.readNBytes(b, 0, b.length);
    if (n == 0) {
      return false;
    }
    if (n < b.length) {
      throw new EOFException("truncated tar header");
    }
    return true;
  }

  private static void skip(InputStream in, long n) throws IOException {
    in.skipNBytes(n);
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    long v = 0;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (c == 0 || c == ' ') {
        if (v > 0) {
          break;
        }
        continue;
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }

  /** The content of one entry; what the visitor leaves unread is skipped. */
  private static final class BoundedInput extends InputStream {
    private final InputStream in;
    long remaining;

    BoundedInput(InputStream in, long size) {
      this.in = in;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int c = in.read();
      if (c >= 0) {
        remaining--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // the tar stream stays open
    }
  }
}
