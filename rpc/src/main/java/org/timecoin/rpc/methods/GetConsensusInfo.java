package org.timecoin.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.timecoin.node.api.ChainQueries;
import org.timecoin.node.api.ConsensusView;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcException;
import org.timecoin.rpc.server.RpcMethod;

/** Consensus mode, height, round, step, proposer and round changes. */
public final class GetConsensusInfo implements RpcMethod {
  private final ChainQueries chain;

  public GetConsensusInfo(ChainQueries chain) {
    this.chain = chain;
  }

  @Override
  public String name() {
    return "getconsensusinfo";
  }

  @Override
  public String help() {
    return "getconsensusinfo - Consensus mode, height, round, step, proposer and round changes.";
  }

  @Override
  public JsonNode call(Params params) throws RpcException {
    params.accept();
    ConsensusView c = chain.consensus();
    return Views.JSON
        .objectNode()
        .put("mode", c.mode())
        .put("height", c.height())
        .put("round", c.round())
        .put("step", c.step())
        .put("proposer", c.proposer())
        .put("validators", c.validators())
        .put("total_voting_power", c.totalVotingPower())
        .put("round_changes", c.roundChanges())
        .put("validator", c.validator())
        .put("local_validator", c.localValidator());
  }
}
