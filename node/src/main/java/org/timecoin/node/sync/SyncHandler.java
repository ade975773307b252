package org.timecoin.node.sync;

import java.util.concurrent.Executor;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.Blocks;
import org.timecoin.node.net.SyncMessages.GetBlocks;
import org.timecoin.node.net.SyncMessages.Status;
import org.timecoin.p2p.PeerInfo;
import org.timecoin.p2p.PeerListener;
import org.timecoin.p2p.PeerNetwork;

/**
 * The block sync protocol on the network: STATUS, GET_BLOCKS (served by {@link BlockServer}) and
 * BLOCKS, delivered to {@link BlockSync}. A storage error while handling them stops the node.
 */
public final class SyncHandler {
  private final BlockSync sync;
  private final PeerNetwork network;

  public SyncHandler(BlockSync sync, PeerNetwork network) {
    this.sync = sync;
    this.network = network;
  }

  /**
   * Registers the message handlers (delivered on {@code lane}, never the consensus lane) and
   * listeners; call before the network starts.
   */
  public void register(Executor lane) {
    network.register(NodeMessages.STATUS, sync::onStatus, lane);
    network.register(NodeMessages.GET_BLOCKS, this::onGetBlocks, lane);
    network.register(NodeMessages.BLOCKS, this::onBlocks, lane);
    network.addPeerListener(
        new PeerListener() {
          @Override
          public void onPeerConnected(PeerInfo peer) {
            sync.onPeerConnected(peer);
          }

          @Override
          public void onPeerDisconnected(PeerInfo peer) {
            sync.forget(peer.nodeKey());
          }
        });
    // While syncing, blocks are stored far faster than peers' STATUS rate limit allows; the tick
    // announces the tip then, at most once per tick.
    sync.chain()
        .addListener(
            (block, cert) -> {
              if (!sync.syncing()) {
                network.broadcast(NodeMessages.STATUS, new Status(block.height(), block.hash()));
              }
            });
  }

  private void onGetBlocks(PublicKey from, GetBlocks req) {
    StorageFaults.guarded(sync, "serving blocks", () -> sync.server().onGetBlocks(from, req));
  }

  private void onBlocks(PublicKey from, Blocks msg) {
    StorageFaults.guarded(sync, "receiving blocks", () -> sync.onBlocks(from, msg));
  }
}
