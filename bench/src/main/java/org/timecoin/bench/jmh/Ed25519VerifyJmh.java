package org.timecoin.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.timecoin.domain.crypto.Ed25519;
import org.timecoin.domain.crypto.PublicKey;

/**
 * JMH cross-check of {@code sig-limit}: one Ed25519 verification per invocation, on a {@link
 * PublicKey} decoded fresh from its bytes as transaction validation does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519VerifyJmh {
  private static final int TRIPLES = 1024;

  private final byte[][] keys = new byte[TRIPLES][];
  private final byte[][] messages = new byte[TRIPLES][];
  private final byte[][] signatures = new byte[TRIPLES][];
  private int next;

  @Setup
  public void setUp() {
    Random random = new Random(Thread.currentThread().threadId());
    for (int i = 0; i < TRIPLES; i++) {
      byte[] priv = new byte[32];
      random.nextBytes(priv);
      messages[i] = new byte[32];
      random.nextBytes(messages[i]);
      keys[i] = Ed25519.publicKeyOf(priv);
      signatures[i] = Ed25519.sign(priv, messages[i]);
    }
  }

  @Benchmark
  public boolean verify() {
    int i = next++ & (TRIPLES - 1);
    return PublicKey.CODEC.decode(keys[i]).verify(messages[i], signatures[i]);
  }
}
