package org.timecoin.storage.snapshot;

/** A chunk that does not match its manifest entry; the peer that served it sent a bad one. */
public final class BadChunkException extends Exception {
  /** Which check failed, in the order they run. */
  public enum Reason {
    /** Its length is not the manifest's. */
    LENGTH,
    /** Its SHA-256 is not the manifest's. */
    SHA256,
    /** It holds another kind of element than the manifest says. */
    KIND,
    /** It declares another element count than the manifest says. */
    COUNT,
    /** An element does not decode. */
    MALFORMED,
    /** Its elements are not strictly ascending by key. */
    ORDER,
    /** Bytes follow its last element. */
    TRAILING,
    /** Its elements do not hash to the manifest's lattice. */
    LATTICE
  }

  private final int index;
  private final Reason reason;

  public BadChunkException(int index, Reason reason, String message) {
    super("chunk " + index + " refused (" + reason + "): " + message);
    this.index = index;
    this.reason = reason;
  }

  public int index() {
    return index;
  }

  public Reason reason() {
    return reason;
  }
}
