package org.timecoin.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.server.Params;

class MethodsTest {
  private final FakeNode node = new FakeNode();
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode params(String json) throws Exception {
    return mapper.readTree(json);
  }

  @Test
  void blockchainInfoUsesBitcoinStyleKeys() throws Exception {
    JsonNode r = new GetBlockchainInfo(node).call(Params.of(null));
    assertThat(r.get("chain").asText()).isEqualTo("testnet");
    assertThat(r.get("blocks").asLong()).isEqualTo(7);
    assertThat(r.get("bestblockhash").asText()).isEqualTo(FakeNode.HASH);
    assertThat(r.get("initialblockdownload").asBoolean()).isFalse();
    assertThat(r.get("sync_phase").asText()).isEqualTo("blocks");
    assertThat(r.get("snapshot_height").asLong()).isZero();
  }

  @Test
  void blockchainInfoShowsTheFastSyncPhaseAndTheSnapshotStartedFrom() throws Exception {
    node.syncPhase = "snapshot_chunks 12/200";
    node.snapshotHeight = 1001;
    JsonNode r = new GetBlockchainInfo(node).call(Params.of(null));
    assertThat(r.get("sync_phase").asText()).isEqualTo("snapshot_chunks 12/200");
    assertThat(r.get("snapshot_height").asLong()).isEqualTo(1001);
  }

  @Test
  void getBlockByHashWithTxids() throws Exception {
    JsonNode r =
        new GetBlock(node).call(Params.of(params("[\"" + FakeNode.HASH.toUpperCase() + "\"]")));
    assertThat(r.get("height").asLong()).isEqualTo(7);
    assertThat(r.at("/tx/0").asText()).isEqualTo("cd".repeat(32));
    assertThat(r.at("/commit/signatures").asInt()).isEqualTo(3);
  }

  @Test
  void networkInfoReportsTheClockOffsetInSecondsLikeBitcoind() throws Exception {
    JsonNode r = new GetNetworkInfo(node).call(Params.of(null));
    assertThat(r.get("timeoffset").asLong()).isEqualTo(-1);
    assertThat(r.get("timeoffset_ms").asLong()).isEqualTo(-1500);
  }

  @Test
  void chainSpecIsTheNodesSpecAsJson() throws Exception {
    JsonNode r = new GetChainSpec(node).call(Params.of(null));
    assertThat(r.get("chain_spec_version").asInt()).isEqualTo(1);
    assertThat(r.get("seeds").get(0).asText()).isEqualTo("127.0.0.1:24100");
  }

  @Test
  void smallMethods() throws Exception {
    assertThat(new GetBestBlockHash(node).call(Params.of(null)).asText()).isEqualTo(FakeNode.HASH);
    assertThat(new GetPeerInfo(node).call(Params.of(null)).get(0).get("addr").asText())
        .isEqualTo("127.0.0.1:24100");
    assertThat(new GetConsensusInfo(node).call(Params.of(null)).get("round_changes").asLong())
        .isEqualTo(2);
    assertThat(new GetMempoolInfo(node).call(Params.of(null)).get("size").asInt()).isEqualTo(1);
    assertThat(new GetRawMempool(node).call(Params.of(null)).get(0).asText())
        .isEqualTo("ef".repeat(32));
    assertThat(new GetTxOutSetInfo(node).call(Params.of(null)).get("txouts").asLong())
        .isEqualTo(10);
    assertThat(new Uptime(node).call(Params.of(null)).asLong()).isEqualTo(42);
    assertThat(
            new ValidateAddress(node)
                .call(Params.of(params("[\"TIME0x\"]")))
                .get("isvalid")
                .asBoolean())
        .isTrue();
    assertThat(
            new ValidateAddress(node).call(Params.of(params("[\"x\"]"))).get("isvalid").asBoolean())
        .isFalse();
    assertThat(new SendRawTransaction(node).call(Params.of(params("[\"0102\"]"))).asText())
        .isEqualTo("aa".repeat(32));
    assertThat(
            new GetRawTransaction(node)
                .call(Params.of(params("[\"" + "CD".repeat(32) + "\"]")))
                .asText())
        .isEqualTo("00ff");
    assertThat(
            new GetRawTransaction(node)
                .call(Params.of(params("[\"" + "cd".repeat(32) + "\", true]")))
                .get("confirmations")
                .asLong())
        .isEqualTo(1);
    assertThat(
            new GetTransactionFinality(node)
                .call(Params.of(params("[\"" + "cd".repeat(32) + "\"]")))
                .get("finalized")
                .asBoolean())
        .isTrue();
    assertThat(new ListUnspent(node).call(Params.of(params("[\"TIME0a\", 1]")))).hasSize(1);
    assertThat(new GetBalance(node).call(Params.of(params("[\"TIME0a\"]"))).asLong())
        .isEqualTo(12_000);
    assertThat(
            new MasternodeList(node.masternodes).call(Params.of(null)).get(0).get("tier").asText())
        .isEqualTo("free");
    assertThat(new GetNetworkInfo(node).call(Params.of(null)).get("connections").asInt())
        .isEqualTo(3);
    new Stop(node).call(Params.of(null));
    assertThat(node.stopped).isTrue();
  }
}
