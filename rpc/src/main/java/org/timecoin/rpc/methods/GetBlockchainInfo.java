package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.timecoin.node.api.ChainInfo;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.SyncView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Chain identity, tip and sync state. */
public final class GetBlockchainInfo implements RpcMethod {
  private final ChainQueries chain;

  public GetBlockchainInfo(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getblockchaininfo";
  }

  @Override
  public String help() {
    return "getblockchaininfo - Chain identity, tip and sync state.\n"
        + "sync_state: following (caught up), syncing, stalled (behind and not progressing) or no_peers.\n"
        + "verificationprogress: our height over the height sync aims for, 0 to 1.\n"
        + "best_peer_height: the highest block a peer proved by serving it (a claimed height does not count).\n"
        + "blocks_per_s, eta_s: sync rate over the last 30 s and the time left at that rate (null: unknown).\n"
        + "warnings: why the node is not progressing, or empty.\n"
        + "sync_phase: while a new node fast-syncs, waiting_for_peers, snapshot_offers, headers,\n"
        + "  manifest, snapshot_chunks DONE/TOTAL or finishing; then blocks.\n"
        + "snapshot_height: the snapshot the node started from (0: it replayed from genesis).";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ChainInfo c = chain.chainInfo();
    ObjectNode o = Views.JSON.objectNode();
    o.put("chain", c.network());
    o.put("chainid", c.chainId());
    o.put("genesishash", c.genesisHash());
    o.put("blocks", c.height());
    o.put("headers", Math.max(c.height(), c.bestPeerHeight()));
    o.put("bestblockhash", c.bestBlockHash());
    o.put("time", c.bestBlockTime());
    o.put("stateroot", c.stateRoot());
    o.put("initialblockdownload", c.syncing());
    o.put("validators", c.validators());
    o.put("validator", c.validator());
    SyncView s = c.sync();
    o.put("sync_state", s.state());
    o.put("verificationprogress", s.verificationProgress());
    o.put("best_peer_height", s.bestPeerHeight());
    o.put("blocks_per_s", s.blocksPerSecond());
    if (s.etaSeconds() < 0) {
      o.putNull("eta_s");
    } else {
      o.put("eta_s", s.etaSeconds());
    }
    o.put("warnings", s.warnings());
    o.put("sync_phase", chain.syncPhase());
    o.put("snapshot_height", chain.snapshotHeight());
    return o;
  }
}
