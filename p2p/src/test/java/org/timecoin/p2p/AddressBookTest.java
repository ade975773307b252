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

  private final ManualClock clock = new ManualClock();

  private AddressBook book(int max) {
    Backoff backoff =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), new SplittableRandom(7));
    return new AddressBook(clock, backoff, max);
  }

  private static PeerAddress addr(int port) {
    return new PeerAddress("10.0.0.1", port);
  }

  @Test
  void failedAddressWaitsForItsBackoffAndSuccessResetsIt() {
    AddressBook book = book(10);
    book.add(addr(1));
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
    AddressBook book = book(10);
    book.add(addr(1));
    book.add(addr(2));
    book.add(addr(3));
    book.markSelf(addr(2));
    assertThat(book.dialable(Set.of(addr(3)), 10)).containsExactly(addr(1));
    assertThat(book.shareable(10)).containsExactly(addr(1), addr(3));
  }

  @Test
  void sizeIsBounded() {
    AddressBook book = book(2);
    assertThat(book.add(addr(1))).isTrue();
    assertThat(book.add(addr(2))).isTrue();
    assertThat(book.add(addr(3))).isFalse();
    assertThat(book.size()).isEqualTo(2);
  }

  @Test
  void persistsAcrossRestartsAndLeavesNoTemporaryFile() throws IOException {
    AddressBook book = book(10);
    book.add(addr(1));
    book.recordSuccess(addr(2));
    AddressBookFile file = new AddressBookFile(dir);
    file.save(book.takeChanges());
    assertThat(book.takeChanges()).as("nothing changed since").isNull();

    AddressBook restored = book(10);
    restored.load(file.load(10));
    assertThat(restored.shareable(10)).containsExactly(addr(2), addr(1));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("peers.dat");
    }
  }

  @Test
  void missingFileIsAnEmptyBook() throws IOException {
    assertThat(new AddressBookFile(dir.resolve("fresh")).load(10)).isEmpty();
  }

  @Test
  void corruptFileIsRefused() throws IOException {
    Files.write(dir.resolve(AddressBookFile.FILE_NAME), new byte[] {1, 5, 0, 0, 0, 9});
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
