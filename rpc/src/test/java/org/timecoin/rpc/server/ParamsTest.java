package org.timecoin.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private Params params(String json) throws Exception {
    return Params.of(mapper.readTree(json));
  }

  @Test
  void acceptsDeclaredPositionalAndNamedParameters() throws Exception {
    assertThat(params("[\"a\", 1]").accept("txid", "timeout").requiredString(0, "txid"))
        .isEqualTo("a");
    assertThat(
            params("{\"timeout\": 5}")
                .accept("txid", "timeout")
                .optionalLong(1, "timeout", 0, 0, 9))
        .isEqualTo(5);
    assertThat(Params.of(null).accept().get(0, "x")).isNull();
  }

  @Test
  void refusesMorePositionalParametersThanDeclared() throws Exception {
    assertThatThrownBy(() -> params("[1, 2]").accept("only"))
        .isInstanceOf(RpcException.class)
        .hasMessageContaining("at most 1 parameter, got 2");
  }

  @Test
  void refusesUnknownNamedParameterWithoutEchoingAllOfIt() throws Exception {
    String key = "x".repeat(500);
    assertThatThrownBy(() -> params("{\"" + key + "\": 1}").accept())
        .isInstanceOf(RpcException.class)
        .hasMessageContaining("unknown parameter")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(80));
  }

  @Test
  void refusesParamsThatAreNeitherArrayNorObject() throws Exception {
    assertThatThrownBy(() -> Params.of(mapper.readTree("\"text\"")).accept("a"))
        .isInstanceOf(RpcException.class)
        .hasMessageContaining("array or an object");
  }
}
