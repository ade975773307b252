package org.timecoin.storage;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.domain.tx.Utxo;
import org.timecoin.storage.commit.LtHash16;

/**
 * The UTXO and registry changes of a block with the commitment they lead to, computed ahead of the
 * write by {@link ChainStore#prepare}: a proposer puts {@link #stateRoot()} in the header, a
 * validator compares it with the header's, and {@link
 * ChainStore#applyBlock(org.timecoin.domain.block.Block,
 * org.timecoin.domain.block.CommitCertificate, StateUpdate)} then writes without hashing again.
 */
public final class StateUpdate {
  private final Hash32 baseRoot;
  private final LtHash16 after;
  private final Hash32 stateRoot;
  private final List<Utxo> adds;
  private final List<Utxo> removes;
  private final RegistryStore.Changes registry;

  StateUpdate(
      Hash32 baseRoot,
      LtHash16 after,
      List<Utxo> adds,
      List<Utxo> removes,
      RegistryStore.Changes registry) {
    this.baseRoot = baseRoot;
    this.after = after;
    this.stateRoot = after.digest();
    this.adds = List.copyOf(adds);
    this.removes = List.copyOf(removes);
    this.registry = registry;
  }

  /** The state root this update was computed on; it applies only on top of that state. */
  public Hash32 baseRoot() {
    return baseRoot;
  }

  /** The state root after the block. */
  public Hash32 stateRoot() {
    return stateRoot;
  }

  public List<Utxo> adds() {
    return adds;
  }

  public List<Utxo> removes() {
    return removes;
  }

  /** The registry changes the commitment includes. */
  public RegistryStore.Changes registry() {
    return registry;
  }

  LtHash16 commitmentAfter() {
    return after.copy();
  }
}
