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
    KeyPair pair = KeyPair.fromSeed(new byte[32]);
    byte[] msg = {7};
    byte[] sig = pair.sign(msg);
    cache.markVerified(txid);
    cache.keys().verify(PublicKey.of(pair.publicKey().toBytes()), msg, sig);

    cache.clear();

    assertThat(cache.isVerified(txid)).isFalse();
    long hits = cache.keys().hitCount();
    cache.keys().verify(PublicKey.of(pair.publicKey().toBytes()), msg, sig);
    assertThat(cache.keys().hitCount()).as("decoded anew").isEqualTo(hits);
  }
}
