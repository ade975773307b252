package org.timecoin.node.fastsync;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SnapshotMessages.Chunk;
import org.timecoin.node.net.SnapshotMessages.EpochProofs;
import org.timecoin.node.net.SnapshotMessages.Manifest;
import org.timecoin.node.net.SnapshotMessages.Snapshots;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.p2p.MessageType;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerListener;
import org.timecoin.p2p.PeerNetwork;
import org.timecoin.storage.snapshot.BadChunkException;

/**
 * The network as fast sync sees it: requests out, and into one queue the answers that were asked
 * for, peers leaving, and chunk imports finished. An answer nobody asked for is dropped and costs
 * its sender standing, so a peer cannot make the queue hold what we did not want; everything else
 * the node's protocols send (votes, transactions, status) is dropped unread.
 */
final class FastSyncLink {
  /** Standing lost for an answer never asked for. */
  static final int UNASKED_PENALTY = 10;

  /** What the fast sync's thread is told, and the peer it is about. */
  sealed interface Event {
    PublicKey from();
  }

  record OffersArrived(PublicKey from, Snapshots snapshots) implements Event {}

  record ManifestArrived(PublicKey from, Manifest manifest) implements Event {}

  record ChunkArrived(PublicKey from, Chunk chunk) implements Event {}

  record ProofsArrived(PublicKey from, EpochProofs proofs) implements Event {}

  record BlocksArrived(PublicKey from, Blocks blocks) implements Event {}

  record PeerJoined(PublicKey peer) implements Event {
    @Override
    public PublicKey from() {
      return peer;
    }
  }

  record PeerLeft(PublicKey peer) implements Event {
    @Override
    public PublicKey from() {
      return peer;
    }
  }

  /** A chunk import finished: {@code error} null when it was good. */
  record ChunkImported(PublicKey from, int index, BadChunkException error, RuntimeException fault)
      implements Event {}

  /** An answer we wait for: its sender and what it answers. */
  private record Want(PublicKey peer, String what) {}

  private final PeerNetwork network;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Set<Want> wanted = ConcurrentHashMap.newKeySet();

  private final FastSyncProgress progress;

  FastSyncLink(PeerNetwork network, FastSyncProgress progress) {
    this.network = network;
    this.progress = progress;
  }

  /** Registers every node message type on {@code lane}; call before the network starts. */
  void register(Executor lane) {
    network.register(
        NodeMessages.SNAPSHOTS,
        (from, m) -> deliver(from, "offers", new OffersArrived(from, m)),
        lane);
    network.register(
        NodeMessages.MANIFEST,
        (from, m) -> deliver(from, "manifest:" + m.height(), new ManifestArrived(from, m)),
        lane);
    network.register(
        NodeMessages.CHUNK,
        (from, m) -> deliver(from, chunkKey(m.height(), m.index()), new ChunkArrived(from, m)),
        lane);
    network.register(
        NodeMessages.EPOCH_PROOFS,
        (from, m) -> deliver(from, "proofs", new ProofsArrived(from, m)),
        lane);
    network.register(
        NodeMessages.BLOCKS,
        (from, m) -> deliver(from, "blocks", new BlocksArrived(from, m)),
        lane);
    Set<MessageType<?>> answers =
        Set.of(
            NodeMessages.SNAPSHOTS,
            NodeMessages.MANIFEST,
            NodeMessages.CHUNK,
            NodeMessages.EPOCH_PROOFS,
            NodeMessages.BLOCKS);
    for (MessageType<?> type : NodeMessages.all()) {
      if (!answers.contains(type)) {
        dropAll(type, lane);
      }
    }
    network.addPeerListener(
        new PeerListener() {
          @Override
          public void onPeerConnected(PeerInfo peer) {
            events.add(new PeerJoined(peer.nodeKey()));
          }

          @Override
          public void onPeerDisconnected(PeerInfo peer) {
            wanted.removeIf(w -> w.peer().equals(peer.nodeKey()));
            events.add(new PeerLeft(peer.nodeKey()));
          }
        });
  }

  private <T> void dropAll(MessageType<T> type, Executor lane) {
    network.register(type, (from, m) -> {}, lane);
  }

  private void deliver(PublicKey from, String what, Event event) {
    if (wanted.remove(new Want(from, what))) {
      events.add(event);
    } else {
      progress.unasked();
      network.penalize(from, UNASKED_PENALTY, "sent fast-sync data it was not asked for");
    }
  }

  static String chunkKey(long height, int index) {
    return "chunk:" + height + ":" + index;
  }

  /**
   * Sends a request whose answer is {@code what}; false when the peer is gone or its queue is full
   * (nothing is then expected from it).
   */
  <T> boolean ask(PublicKey peer, String what, MessageType<T> type, T request) {
    Want want = new Want(peer, what);
    wanted.add(want);
    if (network.send(peer, type, request)) {
      return true;
    }
    wanted.remove(want);
    return false;
  }

  /** Forgets an answer no longer waited for, so it counts as unasked if it still comes. */
  void forget(PublicKey peer, String what) {
    wanted.remove(new Want(peer, what));
  }

  void post(Event event) {
    events.add(event);
  }

  /** The next event, or null if none came within {@code nanos}. */
  Event next(long nanos) throws InterruptedException {
    return events.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  PeerNetwork network() {
    return network;
  }
}
