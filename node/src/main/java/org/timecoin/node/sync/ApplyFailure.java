package org.timecoin.node.sync;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.timecoin.domain.block.Block;
import org.timecoin.node.chain.LocalChain;
import org.timecoin.storage.StorageException;

/**
 * What it means that a synced block failed to store. Its certificate was verified against the
 * validator set before, so the block is final: whatever keeps it from applying here is our fault (a
 * storage error, or a local state that differs from the network's), never the sending peer's. The
 * only benign case is a race: consensus stored the same block first.
 */
final class ApplyFailure {
  private ApplyFailure() {}

  /** Why the node must stop, or empty when the block is already stored here (a race). */
  static Optional<String> fatalCause(LocalChain chain, Block block, Throwable error) {
    Throwable cause = unwrap(error);
    long h = block.height();
    StorageException storage = storageFault(cause);
    if (storage != null) {
      return Optional.of("storage fault while storing block " + h + ": " + storage.getMessage());
    }
    try {
      if (chain.height() >= h) {
        var stored = chain.store().blocks().blockAt(h).map(Block::hash).orElse(null);
        if (block.hash().equals(stored)) {
          return Optional.empty();
        }
        return Optional.of(
            "certified block "
                + h
                + " "
                + block.hash()
                + " differs from the block stored at that height "
                + stored
                + ": two blocks were finalized at one height");
      }
    } catch (StorageException e) {
      return Optional.of("storage fault while checking block " + h + ": " + e.getMessage());
    }
    return Optional.of(
        "certified block "
            + h
            + " "
            + block.hash()
            + " does not apply to the local state ("
            + describe(cause)
            + "): the local database may be corrupt; restore it from a backup or resync");
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** The storage error behind {@code t}, however deeply it was wrapped; null if none. */
  static StorageException storageFault(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StorageException e) {
        return e;
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
