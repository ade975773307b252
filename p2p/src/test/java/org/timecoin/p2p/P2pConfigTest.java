package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class P2pConfigTest {
  private static P2pConfig.Builder base() {
    return P2pConfig.builder(TestNet.MAGIC, TestNet.GENESIS);
  }

  @Test
  void defaultsBoundInboundSourcesStallsAndPersistentRetries() {
    P2pConfig c = base().build();
    assertThat(c.inboundPerIp()).isEqualTo(8);
    assertThat(c.inboundPerNetGroup()).isEqualTo(16);
    assertThat(c.sendStallTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.persistentReconnectBaseDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.persistentReconnectMaxDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.persistentPeers()).isEmpty();
  }

  @Test
  void newSettingsSurviveToBuilder() {
    PeerAddress a = new PeerAddress("10.0.0.1", 24100);
    P2pConfig c =
        base()
            .persistentPeers(List.of(a))
            .inboundPerSource(3, 5)
            .sendStallTimeout(Duration.ofSeconds(4))
            .persistentReconnectDelay(Duration.ofMillis(100), Duration.ofSeconds(1))
            .build()
            .toBuilder()
            .build();
    assertThat(c.persistentPeers()).containsExactly(a);
    assertThat(c.inboundPerIp()).isEqualTo(3);
    assertThat(c.inboundPerNetGroup()).isEqualTo(5);
    assertThat(c.sendStallTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.persistentReconnectMaxDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void badValuesAreRefused() {
    assertThatThrownBy(() -> base().inboundPerSource(0, 5).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base().inboundPerSource(2, 0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base().sendStallTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                base()
                    .persistentReconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
