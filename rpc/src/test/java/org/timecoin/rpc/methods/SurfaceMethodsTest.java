package org.timecoin.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.timecoin.node.api.SyncView;
import org.timecoin.rpc.FakeNode;
import org.timecoin.rpc.server.Params;
import org.timecoin.rpc.server.RpcErrorCodes;
import org.timecoin.rpc.server.RpcException;

/** getblock verbosity 0, the finality wait's default, validateaddress and the sync fields. */
class SurfaceMethodsTest {
  final FakeNode node = new FakeNode();
  final ObjectMapper mapper = new ObjectMapper();

  Params params(String json) throws Exception {
    return Params.of(mapper.readTree(json));
  }

  @Test
  void getBlockVerbosity0IsTheRawBlockByHashOrHeight() throws Exception {
    assertThat(new GetBlock(node).call(params("[\"" + FakeNode.HASH + "\", 0]")).asText())
        .isEqualTo(FakeNode.RAW_BLOCK);
    assertThat(new GetBlock(node).call(params("[7, 0]")).asText()).isEqualTo(FakeNode.RAW_BLOCK);
    assertThat(new GetBlock(node).call(params("{\"blockhash\": 7, \"verbosity\": 0}")).asText())
        .isEqualTo(FakeNode.RAW_BLOCK);
  }

  @Test
  void getBlockSaysWhenThisNodeStoredTheBlockWhileItKnows() throws Exception {
    assertThat(new GetBlock(node).call(params("[7]")).get("stored_at_ms").asLong())
        .isEqualTo(1_700_000_000_123L);
    assertThat(
            new GetBlock(node)
                .call(params("[\"" + FakeNode.HASH + "\", 2]"))
                .get("stored_at_ms")
                .asLong())
        .isEqualTo(1_700_000_000_123L);
    node.block7StoredAt = null;
    assertThat(new GetBlock(node).call(params("[7]")).has("stored_at_ms")).isFalse();
    assertThat(new GetBlock(node).call(params("[7]")).get("height").asLong()).isEqualTo(7);
  }

  @Test
  void getBlockRefusesWhatIsNotABlock() {
    assertThatThrownBy(() -> new GetBlock(node).call(params("[8, 0]")))
        .isInstanceOf(RpcException.class)
        .hasMessage("Block not found");
    assertThatThrownBy(() -> new GetBlock(node).call(params("[18446744073709551617, 0]")))
        .hasMessageContaining("height must be between");
    assertThatThrownBy(() -> new GetBlock(node).call(params("[-1]")))
        .hasMessageContaining("height must be between");
    assertThatThrownBy(() -> new GetBlock(node).call(params("[\"zz\", 0]")))
        .hasMessageContaining("64 hex characters");
    assertThatThrownBy(() -> new GetBlock(node).call(params("[7, 3]")))
        .hasMessageContaining("between 0 and 2");
    assertThatThrownBy(() -> new GetBlock(node).call(params("[]")))
        .hasMessageContaining("missing parameter 'blockhash'");
  }

  @Test
  void waitTransactionFinalityWaits300SecondsUnlessToldOtherwise() throws Exception {
    String txid = "\"" + "cd".repeat(32) + "\"";
    new WaitTransactionFinality(node).call(params("[" + txid + "]"));
    assertThat(node.lastAwaitTimeout).isEqualTo(Duration.ofSeconds(300));
    new WaitTransactionFinality(node).call(params("[" + txid + ", 5]"));
    assertThat(node.lastAwaitTimeout).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> new WaitTransactionFinality(node).call(params("[" + txid + ", 301]")))
        .hasMessageContaining("between 0 and 300");
  }

  @Test
  void validateAddressNamesTheNetworkAndWhyItIsInvalid() throws Exception {
    JsonNode valid = new ValidateAddress(node).call(params("[\"TIME0abc\"]"));
    assertThat(valid.get("isvalid").asBoolean()).isTrue();
    assertThat(valid.get("network").asText()).isEqualTo("testnet");
    assertThat(valid.has("error")).isFalse();
    JsonNode other = new ValidateAddress(node).call(params("[\"TIME1abc\"]"));
    assertThat(other.get("isvalid").asBoolean()).isFalse();
    assertThat(other.get("network").asText()).isEqualTo("mainnet");
    assertThat(other.get("error").asText()).contains("this node runs testnet");
    JsonNode junk = new ValidateAddress(node).call(params("[\"x\"]"));
    assertThat(junk.has("network")).isFalse();
    assertThat(junk.has("address")).isFalse();
    assertThat(junk.get("error").asText()).isEqualTo("bad prefix");
  }

  @Test
  void blockchainInfoCarriesTheSyncFields() throws Exception {
    node.sync = new SyncView(SyncView.SYNCING, 0.25, 40, 160, 12.5, 10, "");
    JsonNode r = new GetBlockchainInfo(node).call(Params.of(null));
    assertThat(r.get("sync_state").asText()).isEqualTo("syncing");
    assertThat(r.get("verificationprogress").asDouble()).isEqualTo(0.25);
    assertThat(r.get("best_peer_height").asLong()).isEqualTo(40);
    assertThat(r.get("blocks_per_s").asDouble()).isEqualTo(12.5);
    assertThat(r.get("eta_s").asLong()).isEqualTo(10);
    assertThat(r.get("warnings").asText()).isEmpty();
    node.sync = new SyncView(SyncView.STALLED, 0.25, 40, 160, 0, -1, "waiting for blocks");
    r = new GetBlockchainInfo(node).call(Params.of(null));
    assertThat(r.get("sync_state").asText()).isEqualTo("stalled");
    assertThat(r.get("eta_s").isNull()).isTrue();
    assertThat(r.get("warnings").asText()).isEqualTo("waiting for blocks");
  }

  @Test
  void unknownBlockIsNotFound() {
    assertThatThrownBy(() -> new GetBlock(node).call(params("[\"" + "00".repeat(32) + "\", 0]")))
        .isInstanceOfSatisfying(
            RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcErrorCodes.NOT_FOUND));
  }
}
