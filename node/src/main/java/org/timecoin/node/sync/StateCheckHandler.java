package org.timecoin.node.sync;

import java.util.concurrent.Executor;
import org.timecoin.domain.crypto.PublicKey;
import org.timecoin.node.net.NodeMessages;
import org.timecoin.node.net.SyncMessages.GetStateRoot;
import org.timecoin.node.net.SyncMessages.StateRoot;
import org.timecoin.p2p.PeerNetwork;

/**
 * The state check protocol on the network: GET_STATE_ROOT and STATE_ROOT, delivered to {@link
 * StateCheck}. A storage error while handling them stops the node.
 */
public final class StateCheckHandler {
  private final BlockSync sync;
  private final PeerNetwork network;

  public StateCheckHandler(BlockSync sync, PeerNetwork network) {
    this.sync = sync;
    this.network = network;
  }

  /**
   * Registers the message handlers, delivered on {@code lane} (never the consensus lane); call
   * before the network starts.
   */
  public void register(Executor lane) {
    network.register(NodeMessages.GET_STATE_ROOT, this::onGetStateRoot, lane);
    network.register(NodeMessages.STATE_ROOT, this::onStateRoot, lane);
  }

  private void onGetStateRoot(PublicKey from, GetStateRoot req) {
    StorageFaults.guarded(
        sync, "answering a state root", () -> sync.stateCheck().onGetStateRoot(from, req));
  }

  private void onStateRoot(PublicKey from, StateRoot r) {
    StorageFaults.guarded(
        sync, "checking a state root", () -> sync.stateCheck().onStateRoot(from, r));
  }
}
