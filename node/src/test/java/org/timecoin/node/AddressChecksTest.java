package org.timecoin.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.tx.Address;
import org.timecoin.domain.tx.Network;
import org.timecoin.node.api.AddressCheck;

class AddressChecksTest {
  final Address address = Address.fromPublicKey(KeyPair.fromSeed(new byte[32]).publicKey());
  final String testnet = address.toText(Network.TESTNET);
  final String mainnet = address.toText(Network.MAINNET);

  @Test
  void anAddressOfThisNetworkIsValidAndNamesIt() {
    AddressCheck c = AddressChecks.check(testnet, Network.TESTNET);
    assertThat(c.valid()).isTrue();
    assertThat(c.network()).isEqualTo("testnet");
    assertThat(AddressChecks.check(mainnet, Network.MAINNET).network()).isEqualTo("mainnet");
  }

  @Test
  void anAddressOfTheOtherNetworkIsInvalidAndSaysWhichItIsFor() {
    AddressCheck c = AddressChecks.check(mainnet, Network.TESTNET);
    assertThat(c.valid()).isFalse();
    assertThat(c.network()).isEqualTo("mainnet");
    assertThat(c.error()).isEqualTo("address is for mainnet but this node runs testnet");
  }

  @Test
  void aMistypedAddressFailsItsChecksumWithoutEchoingIt() {
    char last = testnet.charAt(testnet.length() - 1);
    String typo = testnet.substring(0, testnet.length() - 1) + (last == 'a' ? 'b' : 'a');
    AddressCheck c = AddressChecks.check(typo, Network.TESTNET);
    assertThat(c.valid()).isFalse();
    assertThat(c.network()).isEqualTo("testnet");
    assertThat(c.error()).contains("checksum does not match").doesNotContain(typo);
    assertThat(c.address()).isNull();
  }

  @Test
  void otherBadTextSaysWhatIsWrong() {
    assertThat(AddressChecks.check("BTC1xyz", Network.TESTNET).error())
        .contains("must start with TIME0 (testnet) or TIME1 (mainnet)");
    assertThat(AddressChecks.check("TIME0abc0", Network.TESTNET).error())
        .contains("outside base58");
    assertThat(AddressChecks.check("TIME0abc", Network.TESTNET).error()).contains("wrong length");
    assertThat(AddressChecks.check("TIME0" + "a".repeat(5000), Network.TESTNET).error())
        .contains("wrong length");
  }
}
