package org.timecoin.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.timecoin.node.config.MetricsSection;
import org.timecoin.node.config.NetworkName;

class MetricsServerTest {
  final HttpClient http = HttpClient.newHttpClient();
  MetricsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    http.close();
  }

  static MetricsSection defaultsOnAnyPort() {
    MetricsSection d = MetricsSection.defaults(NetworkName.TESTNET);
    return new MetricsSection(d.enabled(), d.bindAddress(), 0);
  }

  @Test
  void bindsToLoopbackByDefault() {
    assertThat(MetricsSection.defaults(NetworkName.TESTNET).bindAddress()).isEqualTo("127.0.0.1");
    assertThat(MetricsSection.defaults(NetworkName.MAINNET).bindAddress()).isEqualTo("127.0.0.1");
    server = MetricsServer.start(defaultsOnAnyPort(), () -> "");
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void servesTheScrapeAtSlashMetricsInTheTextFormat() throws Exception {
    server = MetricsServer.start(defaultsOnAnyPort(), () -> "# TYPE up gauge\nup 1\n");
    HttpResponse<String> r = get("/metrics", "GET");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(MetricsServer.CONTENT_TYPE);
    assertThat(PrometheusText.parse(r.body()).sum("up")).isEqualTo(1.0);
  }

  @Test
  void refusesOtherPathsAndMethods() throws Exception {
    server = MetricsServer.start(defaultsOnAnyPort(), () -> "up 1\n");
    assertThat(get("/", "GET").statusCode()).isEqualTo(404);
    assertThat(get("/metrics/x", "GET").statusCode()).isEqualTo(404);
    HttpResponse<String> post = get("/metrics", "POST");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.body()).doesNotContain("up 1");
  }

  private HttpResponse<String> get(String path, String method) throws Exception {
    var a = server.address();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }
}
