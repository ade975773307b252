package org.timecoin.p2p;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.timecoin.common.codec.ByteReader;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.codec.Codec;

/**
 * The address book on disk: {@code u8 version ‖ list of entries}, an entry being {@code address ‖
 * last success millis u64 ‖ tried u8 ‖ source group (u32-length ASCII)} in version 2. Version 1
 * files (address and last success only) still load: an address that ever succeeded is tried, the
 * others new, each its own source. Written to a temporary file, forced to disk and renamed over the
 * old one, so a crash leaves either the old or the new book, never a torn one.
 */
final class AddressBookFile {
  static final String FILE_NAME = "peers.dat";
  private static final int VERSION_1 = 1;
  private static final int VERSION = 2;
  private static final int MAX_GROUP_LENGTH = 300;

  /**
   * @param sourceGroup the network group of whoever told us of the address
   */
  record Entry(PeerAddress address, long lastSuccessMillis, boolean tried, String sourceGroup) {
    /** An entry as version 1 stored it. */
    Entry(PeerAddress address, long lastSuccessMillis) {
      this(address, lastSuccessMillis, lastSuccessMillis > 0, NetGroups.bookGroup(address.host()));
    }
  }

  private static final Codec<Entry> ENTRY_CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Entry e) {
          PeerAddress.CODEC.write(out, e.address());
          out.u64(e.lastSuccessMillis()).u8(e.tried() ? 1 : 0);
          out.bytes(e.sourceGroup().getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public Entry read(ByteReader in) {
          PeerAddress address = PeerAddress.CODEC.read(in);
          long lastSuccess = in.u64();
          boolean tried = in.u8() != 0;
          String source = new String(in.bytes(MAX_GROUP_LENGTH), StandardCharsets.US_ASCII);
          return new Entry(address, lastSuccess, tried, source);
        }
      };

  private static final Codec<Entry> V1_ENTRY_CODEC =
      new Codec<>() {
        @Override
        public void write(ByteWriter out, Entry e) {
          throw new UnsupportedOperationException("version 1 is read only");
        }

        @Override
        public Entry read(ByteReader in) {
          return new Entry(PeerAddress.CODEC.read(in), in.u64());
        }
      };

  private final Path file;

  AddressBookFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  Path path() {
    return file;
  }

  /** The saved entries; an empty list when there is no file yet. */
  List<Entry> load(int maxEntries) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    ByteReader in = new ByteReader(Files.readAllBytes(file));
    int version = in.u8();
    Codec<Entry> codec =
        switch (version) {
          case VERSION -> ENTRY_CODEC;
          case VERSION_1 -> V1_ENTRY_CODEC;
          default -> throw new IOException("address book version " + version + " is not supported");
        };
    List<Entry> entries = in.list(maxEntries, codec::read);
    in.expectEnd();
    return entries;
  }

  void save(List<Entry> entries) throws IOException {
    ByteWriter out = new ByteWriter(16 + entries.size() * 32);
    out.u8(VERSION).list(entries, ENTRY_CODEC::write);
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
