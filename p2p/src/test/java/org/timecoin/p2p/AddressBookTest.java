package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.timecoin.common.codec.ByteWriter;
import org.timecoin.common.time.Clock;

class AddressBookTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class ManualClock implements Clock {
    long nanos = 1_000_000;

    @Override
    public long wallMillis() {
      return 1_700_000_000_000L + nanos / 1_000_000;
    }

    @Override
    public long monoNanos() {
      return nanos;
    }
  }

  private static final String SOURCE = "4:0a00";
  private static final byte[] SECRET = new byte[32];

  private final ManualClock clock = new ManualClock();

  private AddressBook book(int capacity) {
    Backoff backoff =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new SplittableRandom(7));
    return new AddressBook(clock, backoff, capacity, SECRET);
  }

  private static PeerAddress addr(int port) {
    return new PeerAddress("10.0.0.1", port);
  }

  private static PeerAddress ip(int a, int b, int c, int d) {
    return new PeerAddress(a + "." + b + "." + c + "." + d, 24100);
  }

  @Test
  void failedAddressWaitsForItsBackoffAndSuccessResetsIt() {
    AddressBook book = book(100);
    book.add(addr(1), SOURCE);
    assertThat(book.dialable(Set.of(), 10)).containsExactly(addr(1));
    book.recordFailure(addr(1));
    assertThat(book.dialable(Set.of(), 10)).isEmpty();
    clock.nanos += Duration.ofSeconds(1).toNanos();
    assertThat(book.dialable(Set.of(), 10)).containsExactly(addr(1));
    book.recordFailure(addr(1));
    book.recordFailure(addr(1));
    clock.nanos += Duration.ofSeconds(1).toNanos();
    assertThat(book.dialable(Set.of(), 10)).as("third failure waits 2-4 s").isEmpty();
    clock.nanos += Duration.ofSeconds(3).toNanos();
    assertThat(book.dialable(Set.of(), 10)).containsExactly(addr(1));
    book.recordSuccess(addr(1));
    book.recordFailure(addr(1));
    clock.nanos += Duration.ofSeconds(1).toNanos();
    assertThat(book.dialable(Set.of(), 10)).containsExactly(addr(1));
  }

  @Test
  void ownAddressAndExcludedAddressesAreNeverDialled() {
    AddressBook book = book(100);
    book.add(addr(1), SOURCE);
    book.add(addr(2), SOURCE);
    book.add(addr(3), SOURCE);
    book.markSelf(addr(2));
    assertThat(book.dialable(Set.of(addr(3)), 10)).containsExactly(addr(1));
    assertThat(book.shareable(10)).containsExactlyInAnyOrder(addr(1), addr(3));
  }

  @Test
  void onlyIpLiteralsAreShared() {
    AddressBook book = book(100);
    book.add(new PeerAddress("seed.example.org", 24100), "name:seed.example.org");
    book.add(addr(1), SOURCE);
    assertThat(book.shareable(10)).containsExactly(addr(1));
    assertThat(book.dialable(Set.of(), 10)).hasSize(2);
  }

  @Test
  void aHandshakeMovesAnAddressToTriedWhichIsDialledAndSharedFirst() {
    AddressBook book = book(100);
    book.add(addr(1), SOURCE);
    book.add(addr(2), SOURCE);
    book.add(addr(3), SOURCE);
    book.recordSuccess(addr(3));
    assertThat(book.isTried(addr(3))).isTrue();
    assertThat(book.isTried(addr(1))).isFalse();
    assertThat(book.dialable(Set.of(), 10).get(0)).isEqualTo(addr(3));
    assertThat(book.shareable(10).get(0)).isEqualTo(addr(3));
    assertThat(book.size()).isEqualTo(3);
  }

  @Test
  void oneSourceFillsOnlyItsShareOfTheNewTable() {
    AddressBook book = book(2000);
    String attacker = NetGroups.bookGroup(new PeerAddress("203.0.113.5", 1).host());
    for (int i = 0; i < 20_000; i++) {
      book.add(ip(11 + (i % 200), (i / 200) % 250, i % 250, 1), attacker);
    }
    int attackerCount = book.size();
    assertThat(attackerCount)
        .as("at most an eighth of the new table")
        .isLessThanOrEqualTo(2000 * 3 / 4 / 8 + AddressBook.BUCKET_SIZE);
    for (int i = 0; i < 200; i++) {
      String source = NetGroups.bookGroup(ip(100, i, 0, 1).host());
      book.add(ip(150, i, 1, 1), source);
    }
    assertThat(book.size() - attackerCount).as("honest sources still find room").isGreaterThan(150);
  }

  @Test
  void aFloodCannotEvictOtherSourcesOrTriedAddresses() {
    AddressBook book = book(64);
    PeerAddress honest = ip(150, 1, 1, 1);
    PeerAddress proven = ip(160, 1, 1, 1);
    book.add(honest, NetGroups.bookGroup(ip(100, 1, 0, 1).host()));
    book.add(proven, NetGroups.bookGroup(ip(100, 2, 0, 1).host()));
    book.recordSuccess(proven);
    String attacker = NetGroups.bookGroup(ip(203, 0, 113, 5).host());
    for (int i = 0; i < 5_000; i++) {
      book.add(ip(11 + (i % 200), i % 250, (i / 250) % 250, 1), attacker);
    }
    assertThat(book.contains(honest)).isTrue();
    assertThat(book.isTried(proven)).isTrue();
    assertThat(book.size()).isLessThanOrEqualTo(book.capacity());
  }

  @Test
  void terribleEntriesMakeRoomForNewcomersFromAnySource() {
    AddressBook book = book(16); // one new bucket
    String first = NetGroups.bookGroup(ip(100, 1, 0, 1).host());
    for (int i = 0; i < AddressBook.BUCKET_SIZE; i++) {
      assertThat(book.add(ip(150, i, 1, 1), first)).isTrue();
    }
    String second = NetGroups.bookGroup(ip(100, 2, 0, 1).host());
    assertThat(book.add(ip(151, 1, 1, 1), second)).as("bucket full of another source").isFalse();
    for (int i = 0; i < 3; i++) {
      book.recordFailure(ip(150, 5, 1, 1));
    }
    assertThat(book.add(ip(151, 1, 1, 1), second)).isTrue();
    assertThat(book.contains(ip(150, 5, 1, 1))).as("the terrible one went").isFalse();
    assertThat(book.add(ip(150, 99, 1, 1), first))
        .as("a source may replace its own oldest entry")
        .isTrue();
    assertThat(book.contains(ip(150, 0, 1, 1))).isFalse();
  }

  @Test
  void persistsAcrossRestartsAndLeavesNoTemporaryFile() throws IOException {
    AddressBook book = book(100);
    book.add(addr(1), SOURCE);
    book.recordSuccess(addr(2));
    AddressBookFile file = new AddressBookFile(dir);
    file.save(book.takeChanges());
    assertThat(book.takeChanges()).as("nothing changed since").isNull();

    AddressBook restored = book(100);
    restored.load(file.load(restored.capacity()));
    assertThat(restored.shareable(10)).containsExactly(addr(2), addr(1));
    assertThat(restored.isTried(addr(2))).isTrue();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("peers.dat");
    }
  }

  @Test
  void aVersionOneFileStillLoads() throws IOException {
    ByteWriter out = new ByteWriter(64);
    out.u8(1)
        .list(
            List.of(new AddressBookFile.Entry(addr(1), 0), new AddressBookFile.Entry(addr(2), 5)),
            (w, e) -> {
              PeerAddress.CODEC.write(w, e.address());
              w.u64(e.lastSuccessMillis());
            });
    Files.write(dir.resolve(AddressBookFile.FILE_NAME), out.toByteArray());
    AddressBook restored = book(100);
    restored.load(new AddressBookFile(dir).load(restored.capacity()));
    assertThat(restored.isTried(addr(2))).as("it once succeeded").isTrue();
    assertThat(restored.contains(addr(1))).isTrue();
    assertThat(restored.isTried(addr(1))).isFalse();
  }

  @Test
  void missingFileIsAnEmptyBook() throws IOException {
    assertThat(new AddressBookFile(dir.resolve("fresh")).load(10)).isEmpty();
  }

  @Test
  void corruptFileIsRefused() throws IOException {
    Files.write(dir.resolve(AddressBookFile.FILE_NAME), new byte[] {2, 5, 0, 0, 0, 9});
    assertThatThrownBy(() -> new AddressBookFile(dir).load(10))
        .isInstanceOf(RuntimeException.class);
    Files.write(dir.resolve(AddressBookFile.FILE_NAME), new byte[] {9});
    assertThatThrownBy(() -> new AddressBookFile(dir).load(10)).isInstanceOf(IOException.class);
  }

  @Test
  void saveReplacesThePreviousBook() throws IOException {
    AddressBookFile file = new AddressBookFile(dir);
    file.save(List.of(new AddressBookFile.Entry(addr(1), 5)));
    file.save(List.of(new AddressBookFile.Entry(addr(2), 6)));
    assertThat(file.load(10)).containsExactly(new AddressBookFile.Entry(addr(2), 6));
  }
}
