package org.timecoin.p2p;

/** One address of the {@link AddressBook}, guarded by the book's monitor. */
final class AddressEntry {
  final PeerAddress address;

  /** The address's network group (see {@link NetGroups#bookGroup}). */
  final String group;

  /** The network group of whoever told us of it. */
  final String sourceGroup;

  final long addedMillis;
  long lastSuccessMillis;
  int failures;
  long nextAttemptNanos;
  boolean tried;
  boolean self;

  AddressEntry(
      PeerAddress address, String group, String sourceGroup, long addedMillis, long nowNanos) {
    this.address = address;
    this.group = group;
    this.sourceGroup = sourceGroup;
    this.addedMillis = addedMillis;
    this.nextAttemptNanos = nowNanos;
  }
}
