package org.timecoin.domain.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.timecoin.common.Hash32;
import org.timecoin.common.Sha256;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.domain.testing.DomainGen;

class TransactionTest {
  private static final Hash32 CHAIN = Sha256.hash("test-chain".getBytes());
  private static final KeyPair ALICE = KeyPair.fromSeed(new byte[32]);
  private static final KeyPair BOB = KeyPair.fromSeed(Sha256.digest("bob".getBytes()));

  @ParameterizedTest(name = "seed={0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void encodedSizeAndTxidMatchTheEncoding(long seed) {
    Transaction tx = new DomainGen(seed).transaction();
    byte[] bytes = Transaction.CODEC.encode(tx);
    assertThat(tx.encodedSize()).isEqualTo(bytes.length);
    assertThat(Transaction.CODEC.sizeHint(tx)).as("encode's buffer, exact").isEqualTo(bytes.length);
    assertThat(tx.txid()).isEqualTo(Sha256.hash(bytes)).isSameAs(tx.txid());
  }

  @Test
  void unsignedTxidIgnoresSignaturesButTxidDoesNot() {
    Transaction unsigned = twoInputTx().unsigned();
    Transaction signed = TxSigner.sign(unsigned, CHAIN, List.of(ALICE, BOB));
    assertThat(signed.unsignedTxid()).isEqualTo(unsigned.unsignedTxid());
    assertThat(signed.txid()).isNotEqualTo(unsigned.txid());
    assertThat(signed).isNotEqualTo(unsigned);
  }

  @Test
  void eachInputSignsChainTxAndIndex() {
    Transaction tx = twoInputTx().sign(CHAIN);
    for (int i = 0; i < 2; i++) {
      TxIn in = tx.inputs().get(i);
      assertThat(in.pubKey().verify(SigHash.of(CHAIN, tx, i), in.signature())).isTrue();
      // Bound to the chain and to the input index.
      Hash32 otherChain = Sha256.hash("other".getBytes());
      assertThat(in.pubKey().verify(SigHash.of(otherChain, tx, i), in.signature())).isFalse();
      assertThat(in.pubKey().verify(SigHash.of(CHAIN, tx, 1 - i), in.signature())).isFalse();
    }
    byte[][] all = SigHash.all(CHAIN, tx);
    assertThat(all[1]).isEqualTo(SigHash.of(CHAIN, tx, 1));
    assertThat(SigHash.of(CHAIN, tx, 0))
        .isEqualTo(
            Sha256.digest(CHAIN.toBytes(), tx.unsignedTxid().toBytes(), new byte[] {0, 0, 0, 0}));
  }

  @Test
  void signerRefusesAKeyThatIsNotTheInputsKey() {
    Transaction unsigned = twoInputTx().unsigned();
    assertThatThrownBy(() -> TxSigner.sign(unsigned, CHAIN, List.of(BOB, ALICE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxSigner.sign(unsigned, CHAIN, List.of(ALICE)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void totalOutputIsOverflowChecked() {
    Address to = Address.fromPublicKey(ALICE.publicKey());
    Transaction tx = new TxBuilder().output(Long.MAX_VALUE, to).output(1, to).unsigned();
    assertThatThrownBy(tx::totalOutput).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void inputsAndOutputsAreImmutableCopies() {
    Transaction tx = twoInputTx().unsigned();
    assertThatThrownBy(() -> tx.inputs().clear()).isInstanceOf(UnsupportedOperationException.class);
    byte[] sig = tx.inputs().get(0).signature();
    sig[0] = 1;
    assertThat(tx.inputs().get(0).signature()[0]).isZero();
  }

  private static TxBuilder twoInputTx() {
    DomainGen gen = new DomainGen(99);
    return new TxBuilder()
        .input(gen.outPoint(), ALICE)
        .input(gen.outPoint(), BOB)
        .output(5_000, Address.fromPublicKey(BOB.publicKey()))
        .timestamp(1_700_000_000_000L);
  }
}
