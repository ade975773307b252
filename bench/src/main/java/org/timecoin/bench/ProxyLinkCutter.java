package org.timecoin.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.testkit.net.LinkProxy;

/**
 * Every link through a {@link LinkProxy} in this process (any user, any machine): a cut holds what
 * is in flight and closes nothing, so TCP itself never sees a loss.
 */
final class ProxyLinkCutter implements LinkCutter {
  /** proxies.get(List.of(i, j)): the link node i dials to reach node j. */
  private final Map<List<Integer>, LinkProxy> proxies = new HashMap<>();

  @Override
  public String host(int i) {
    return "127.0.0.1";
  }

  @Override
  public String peerAddress(int i, int j, int port) throws IOException {
    LinkProxy p = LinkProxy.start(new InetSocketAddress("127.0.0.1", port));
    proxies.put(List.of(i, j), p);
    return "127.0.0.1:" + p.port();
  }

  @Override
  public List<String> launchPrefix(int i) {
    return List.of();
  }

  @Override
  public void set(Set<Integer> side, boolean cut) {
    for (Map.Entry<List<Integer>, LinkProxy> e : proxies.entrySet()) {
      int from = e.getKey().get(0);
      int to = e.getKey().get(1);
      if (side.contains(from) != side.contains(to)) {
        if (cut) {
          e.getValue().cut();
        } else {
          e.getValue().restore();
        }
      }
    }
  }

  @Override
  public void close() {
    new ArrayList<>(proxies.values()).forEach(LinkProxy::close);
  }
}
