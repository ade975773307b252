package org.timecoin.storage.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import org.timecoin.common.Hash32;
import org.timecoin.storage.ChainStore;
import org.timecoin.storage.StorageConfig;

/**
 * The process that gets killed in the crash test: opens (or creates) the chain database in a
 * directory and applies {@link DeterministicChain} blocks from its tip on, forever or up to a
 * height, printing {@code applied <height>} after each block is durably written.
 *
 * <p>Usage: {@code CrashLoop <dir> <seed> <txsPerBlock> [<lastHeight>]}
 */
public final class CrashLoop {
  private CrashLoop() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: CrashLoop <dir> <seed> <txsPerBlock> [<lastHeight>]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    int txs = Integer.parseInt(args[2]);
    long last = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
    PrintStream out = System.out;
    try (ChainStore store = ChainStore.open(StorageConfig.defaults(dir), chainId(seed))) {
      DeterministicChain chain = DeterministicChain.resume(seed, chainId(seed), txs, store);
      out.println("resumed " + chain.height());
      out.flush();
      while (chain.height() < last) {
        DeterministicChain.Step step = chain.next();
        out.println("writing " + step.block().height());
        out.flush();
        store.applyBlock(
            step.block(), step.certificate(), step.adds(), step.removes(), step.registry());
        out.println("applied " + step.block().height());
        out.flush();
      }
    }
  }

  /** The chain id the crash test uses for a seed. */
  public static Hash32 chainId(long seed) {
    byte[] id = new byte[32];
    for (int i = 0; i < 8; i++) {
      id[i] = (byte) (seed >>> (8 * i));
    }
    id[31] = 0x7C;
    return Hash32.wrap(id);
  }
}
