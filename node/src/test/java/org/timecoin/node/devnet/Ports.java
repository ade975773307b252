package org.timecoin.node.devnet;

import java.io.IOException;
import java.net.ServerSocket;

/** Finds a run of free loopback ports for a test devnet. */
public final class Ports {
  private Ports() {}

  /** A base port b such that b .. b + count - 1 were all free a moment ago. */
  public static int freeRun(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 10_000 + (int) (Math.random() * 20_000); // below the ephemeral range
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no free port run of " + count);
  }

  private static boolean allFree(int base, int count) {
    for (int p = base; p < base + count; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
