package org.timecoin.rpc.server;

import io.netty.channel.Channel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The open RPC connections, at most {@code max}. When full, a new connection takes the place of the
 * oldest one that has nothing in progress, so idle connections cannot lock clients out; only when
 * every connection is busy is the newcomer refused.
 */
final class ConnectionRegistry {
  private final int max;
  private final Map<Channel, RpcHttpHandler> open = new LinkedHashMap<>();

  ConnectionRegistry(int max) {
    this.max = max;
  }

  /** Registers {@code ch}; false when it must be refused. Closes an idle one to make room. */
  synchronized boolean admit(Channel ch, RpcHttpHandler handler) {
    if (open.size() >= max && !evictIdle()) {
      return false;
    }
    open.put(ch, handler);
    ch.closeFuture().addListener(f -> remove(ch));
    return true;
  }

  synchronized int size() {
    return open.size();
  }

  private synchronized void remove(Channel ch) {
    open.remove(ch);
  }

  private boolean evictIdle() {
    for (Iterator<Map.Entry<Channel, RpcHttpHandler>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Channel, RpcHttpHandler> e = it.next();
      if (e.getValue().idle()) {
        it.remove();
        e.getKey().close();
        return true;
      }
    }
    return false;
  }
}
