package org.timecoin.rpc.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.internal.PlatformDependent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.server.JsonRpcDispatcher;
import org.timecoin.rpc.server.RpcServerFixture;
import org.timecoin.rpc.server.SectionBuilder;

/** Connections that idle, pipeline, or never read what they asked for. */
class RpcConnectionsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String COUNT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getblockcount\"}";
  final FakeNode node = new FakeNode();
  final List<RawHttp> open = new ArrayList<>();
  RpcServerFixture server;

  @AfterEach
  void close() throws IOException {
    for (RawHttp c : open) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
  }

  int start(SectionBuilder b, int maxConnections) throws Exception {
    server =
        RpcServerFixture.start(
            b.build(),
            maxConnections,
            new JsonRpcDispatcher(TestMethods.with(node, new CountDownLatch(0))));
    return server.server.address().getPort();
  }

  RawHttp connect(int port) throws IOException {
    RawHttp c = new RawHttp(port);
    open.add(c);
    return c;
  }

  static String cookie() {
    return RpcServerFixture.cookie().header();
  }

  @Test
  void sixtyFourIdleConnectionsDoNotLockOutANormalClient() throws Exception {
    int port = start(new SectionBuilder(), 64);
    for (int i = 0; i < 64; i++) {
      connect(port);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.server.connections() == 64);
    assertThat(server.client().call("getblockcount").asLong()).isEqualTo(7);
    assertThat(server.server.connections()).isLessThanOrEqualTo(64);
  }

  @Test
  void anIdleConnectionIsClosedAfterTheTimeout() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.idleTimeout = Duration.ofMillis(300);
    int port = start(b, 64);
    RawHttp idle = connect(port);
    assertThat(idle.closedByServer()).isTrue();
    RawHttp used = connect(port);
    assertThat(used.exchange(cookie(), COUNT).status()).isEqualTo(200);
    assertThat(used.closedByServer()).isTrue();
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    int port = start(new SectionBuilder(), 64);
    RawHttp c = connect(port);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < 129; i++) {
      String method = i % 3 == 0 ? "getblock" : i % 3 == 1 ? "getblockcount" : "uptime";
      String params = i % 3 == 0 ? "[7, 2]" : "[]";
      all.writeBytes(
          c.post(
              cookie(),
              "{\"jsonrpc\":\"2.0\",\"id\":"
                  + i
                  + ",\"method\":\""
                  + method
                  + "\",\"params\":"
                  + params
                  + "}"));
    }
    c.send(all.toByteArray());
    for (int i = 0; i < 129; i++) {
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("id").asInt()).isEqualTo(i);
      assertThat(body.has("result")).isTrue();
    }
  }

  /**
   * A client pipelines 100 batches of 4 MiB, each asking for 4 MiB of answers, and never reads. The
   * server stops reading it once an answer waits unread: the client's writes block long before 400
   * MiB, the server's buffers stay small, and another client is served meanwhile.
   */
  @Test
  void aClientThatNeverReadsIsThrottledNotBuffered() throws Exception {
    SectionBuilder b = new SectionBuilder();
    b.maxRequestBytes = 4 * 1024 * 1024 + 4096;
    b.idleTimeout = Duration.ofMinutes(5);
    int port = start(b, 64);
    RawHttp hog = connect(port);
    hog.socket.setReceiveBufferSize(64 * 1024);
    String calls =
        "[{\"id\":1,\"method\":\"blob\"},{\"id\":2,\"method\":\"blob\"},"
            + "{\"id\":3,\"method\":\"blob\"},{\"id\":4,\"method\":\"blob\"}]";
    byte[] request = hog.post(cookie(), calls + " ".repeat(4 * 1024 * 1024 - calls.length()));
    long baselineHeap = usedHeap();
    AtomicLong written = new AtomicLong();
    AtomicBoolean finished = new AtomicBoolean();
    Thread writer =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < 100; i++) {
                      hog.send(request);
                      written.addAndGet(request.length);
                    }
                    finished.set(true);
                  } catch (IOException e) {
                    // closed at the end of the test
                  }
                });
    // The writer stalls: the server has stopped reading from it.
    await().atMost(Duration.ofSeconds(60)).until(() -> written.get() > 0);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !finished.get());
    System.out.printf(
        "non-reading client: %d MiB accepted of 400 MiB sent, direct memory %d KiB%n",
        written.get() >> 20, directMemory() >> 10);
    assertThat(written.get()).isLessThan(100L * 1024 * 1024);
    assertThat(directMemory()).isLessThan(64L * 1024 * 1024);
    assertThat(usedHeap() - baselineHeap).isLessThan(200L * 1024 * 1024);
    // others are served meanwhile
    assertThat(server.client().call("getblockcount").asLong()).isEqualTo(7);
    hog.close();
    writer.join(10_000);
  }

  private static long usedHeap() {
    System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static long directMemory() {
    long netty = Math.max(0, PlatformDependent.usedDirectMemory());
    long nio = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        nio = pool.getMemoryUsed();
      }
    }
    return netty + nio;
  }
}
