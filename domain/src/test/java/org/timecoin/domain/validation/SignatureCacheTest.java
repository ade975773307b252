package org.timecoin.domain.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.crypto.PublicKey;

class SignatureCacheTest {
  @Test
  void clearingForgetsVerifiedTxidsAndDecodedKeys() {
    SignatureCache cache = new SignatureCache(100);
    var txid = Sha256.hash("tx".getBytes());
    PublicKey key = KeyPair.fromSeed(new byte[32]).publicKey();
    cache.markVerified(txid);
    cache.keys().shared(key);

    cache.clear();

    assertThat(cache.isVerified(txid)).isFalse();
    PublicKey fresh = PublicKey.of(key.toBytes());
    assertThat(cache.keys().shared(fresh)).as("decoded anew").isSameAs(fresh);
  }
}
