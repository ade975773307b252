package org.timecoin.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every node in a Linux network namespace of its own, attached by a veth pair to a bridge in a hub
 * namespace; this process reaches them over one more veth. A cut takes the hub end of a node's veth
 * down: its packets are dropped silently in both directions, so TCP retransmits with its backoff
 * exactly as across a real partition. Needs root and iproute2. A cut side's nodes are cut from each
 * other too (each ends up alone), which leaves the quorum arithmetic of the benchmark unchanged.
 */
final class NetnsLinkCutter implements LinkCutter {
  private static final String SUBNET = "10.213.0.";

  private final String tag;
  private final int nodes;
  private final List<String> created = new ArrayList<>();

  private NetnsLinkCutter(String tag, int nodes) {
    this.tag = tag;
    this.nodes = nodes;
  }

  /** Builds the namespaces, the bridge and the links. */
  static NetnsLinkCutter create(int nodes) throws IOException, InterruptedException {
    String tag = "tr" + Long.toString(ProcessHandle.current().pid() % 100_000, 36);
    NetnsLinkCutter c = new NetnsLinkCutter(tag, nodes);
    try {
      c.build();
    } catch (IOException | InterruptedException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private String hub() {
    return tag + "-hub";
  }

  private String ns(int i) {
    return tag + "-n" + i;
  }

  private String hubEnd(int i) {
    return tag + "h" + i;
  }

  private void build() throws IOException, InterruptedException {
    ip("netns", "add", hub());
    created.add(hub());
    ip("-n", hub(), "link", "set", "lo", "up");
    ip("-n", hub(), "link", "add", "br0", "type", "bridge");
    ip("-n", hub(), "link", "set", "br0", "up");
    for (int i = 0; i < nodes; i++) {
      ip("netns", "add", ns(i));
      created.add(ns(i));
      ip("-n", ns(i), "link", "set", "lo", "up");
      ip(
          "link", "add", "eth0", "netns", ns(i), "type", "veth", "peer", "name", hubEnd(i), "netns",
          hub());
      ip("-n", ns(i), "addr", "add", host(i) + "/24", "dev", "eth0");
      ip("-n", ns(i), "link", "set", "eth0", "up");
      ip("-n", hub(), "link", "set", hubEnd(i), "master", "br0", "up");
    }
    // This process's own way in, to read the nodes' RPC.
    ip("link", "add", tag + "x", "type", "veth", "peer", "name", "eth9", "netns", hub());
    ip("addr", "add", SUBNET + "1/24", "dev", tag + "x");
    ip("link", "set", tag + "x", "up");
    ip("-n", hub(), "link", "set", "eth9", "master", "br0", "up");
  }

  @Override
  public String host(int i) {
    return SUBNET + (10 + i);
  }

  @Override
  public String peerAddress(int i, int j, int port) {
    return host(j) + ":" + port;
  }

  @Override
  public List<String> launchPrefix(int i) {
    return List.of("ip", "netns", "exec", ns(i));
  }

  @Override
  public void set(Set<Integer> side, boolean cut) throws IOException, InterruptedException {
    for (int i : side) {
      ip("-n", hub(), "link", "set", hubEnd(i), cut ? "down" : "up");
    }
  }

  @Override
  public void close() {
    // Deleting a namespace deletes the veth ends in it, and with them their peers.
    for (String ns : created.reversed()) {
      try {
        ip("netns", "del", ns);
      } catch (IOException | InterruptedException | RuntimeException e) {
        // best effort: the next run uses another tag
      }
    }
  }

  /** Whether this machine can run the benchmark this way (root, iproute2, namespaces). */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
      return p.waitFor(5, TimeUnit.SECONDS)
          && p.exitValue() == 0
          && "root".equals(System.getProperty("user.name"));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("ip");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
  }
}
