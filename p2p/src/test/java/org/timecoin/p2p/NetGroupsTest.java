package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetGroupsTest {
  @Test
  void literalsParseWithoutLookupAndNamesAreNotLiterals() {
    assertThat(NetGroups.literal("10.1.2.3")).isNotNull();
    assertThat(NetGroups.literal("2001:db8::1")).isNotNull();
    assertThat(NetGroups.literal("localhost")).isNull();
    assertThat(NetGroups.literal("seed.example.org")).isNull();
    assertThat(NetGroups.literal("10.1.2")).isNull();
  }

  @Test
  void inboundSubnetsAreSlash24AndSlash48() {
    assertThat(NetGroups.subnet(NetGroups.literal("127.0.0.1")))
        .isEqualTo(NetGroups.subnet(NetGroups.literal("127.0.0.200")))
        .isNotEqualTo(NetGroups.subnet(NetGroups.literal("127.0.1.1")));
    assertThat(NetGroups.subnet(NetGroups.literal("2001:db8:1:2::1")))
        .isEqualTo(NetGroups.subnet(NetGroups.literal("2001:db8:1:ffff::1")))
        .isNotEqualTo(NetGroups.subnet(NetGroups.literal("2001:db8:2::1")));
    assertThat(NetGroups.subnet(NetGroups.literal("::ffff:10.1.2.3")))
        .as("an IPv4-mapped address is its IPv4 address")
        .isEqualTo(NetGroups.subnet(NetGroups.literal("10.1.2.4")));
  }

  @Test
  void bookGroupsAreSlash16AndNamesTheirOwn() {
    assertThat(NetGroups.bookGroup("10.1.2.3")).isEqualTo(NetGroups.bookGroup("10.1.200.3"));
    assertThat(NetGroups.bookGroup("10.1.2.3")).isNotEqualTo(NetGroups.bookGroup("10.2.2.3"));
    assertThat(NetGroups.bookGroup("Seed.Example.org"))
        .isEqualTo(NetGroups.bookGroup("seed.example.org"))
        .startsWith("name:");
  }

  @Test
  void wildcardAndMulticastAreNotShareable() {
    assertThat(NetGroups.isShareable(NetGroups.literal("0.0.0.0"))).isFalse();
    assertThat(NetGroups.isShareable(NetGroups.literal("224.0.0.1"))).isFalse();
    assertThat(NetGroups.isShareable(NetGroups.literal("::"))).isFalse();
    assertThat(NetGroups.isShareable(NetGroups.literal("10.1.2.3"))).isTrue();
  }
}
