package org.timecoin.domain.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.timecoin.common.Hash32;
import org.timecoin.domain.block.Block;
import org.timecoin.domain.block.BlockHeader;
import org.timecoin.domain.block.CertificateResult;
import org.timecoin.domain.block.CommitCertificate;
import org.timecoin.domain.block.LastCommit;
import org.timecoin.domain.block.MerkleRoot;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.OutPoint;
import org.timecoin.domain.tx.Transaction;
import org.timecoin.domain.tx.TxIn;
import org.timecoin.domain.tx.TxOut;
import org.timecoin.domain.tx.Utxo;

/**
 * The rules of one block except signatures and the state root, as pure synchronous steps: {@link
 * #checkStructure()} first, then {@link #checkInputs} with the UTXOs of {@link #externalInputs()}.
 * One instance per block check; it keeps the sets the first step builds for the second. Not
 * thread-safe (the pipeline calls it from one task at a time).
 */
public final class BlockRules {
  private final Block block;
  private final BlockContext ctx;
  private final List<OutPoint> externalInputs = new ArrayList<>();
  private boolean structureChecked;
  private CommitCertificate parentCertificate;

  public BlockRules(Block block, BlockContext ctx) {
    this.block = block;
    this.ctx = ctx;
  }

  /**
   * Header against the parent, size, the lastCommit's signers and power (not its signatures: see
   * {@link #parentCertificate()}), coinbase placement, each transaction's structure, duplicate
   * txids (before the Merkle root: CVE-2012-2459), the Merkle root and double spends in the block.
   */
  public ValidationResult checkStructure() {
    ValidationResult header = checkHeader();
    if (!header.isValid()) {
      return header;
    }
    ConsensusParams params = ctx.params();
    if (block.encodedSize() > params.maxBlockBytes()) {
      return ValidationResult.reject(
          Rejection.OVERSIZE_BLOCK,
          "block is " + block.encodedSize() + " bytes, limit " + params.maxBlockBytes());
    }
    ValidationResult lastCommit = checkLastCommitSigners();
    if (!lastCommit.isValid()) {
      return lastCommit;
    }
    List<Transaction> txs = block.txs();
    if (txs.isEmpty() || !txs.get(0).isCoinbase()) {
      return ValidationResult.reject(
          Rejection.BAD_COINBASE, "the first transaction must be a coinbase (no inputs)", 0);
    }
    if (txs.get(0).encodedSize() > params.maxTxBytes()) {
      return ValidationResult.reject(Rejection.OVERSIZE_TX, "coinbase too large", 0);
    }
    for (int i = 1; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      if (tx.isCoinbase()) {
        return ValidationResult.reject(
            Rejection.BAD_COINBASE, "only the first transaction may be a coinbase", i);
      }
      ValidationResult r = TxRules.checkStructure(tx, params);
      if (!r.isValid()) {
        return r.atTx(i);
      }
    }
    Set<Hash32> txids = new HashSet<>(txs.size() * 2);
    List<Hash32> ids = block.txids();
    for (int i = 0; i < ids.size(); i++) {
      if (!txids.add(ids.get(i))) {
        return ValidationResult.reject(
            Rejection.DUPLICATE_TXID, "txid " + ids.get(i) + " appears twice", i);
      }
    }
    Hash32 root = MerkleRoot.of(ids);
    if (!root.equals(block.header().txRoot())) {
      return ValidationResult.reject(
          Rejection.BAD_MERKLE_ROOT,
          "txRoot " + block.header().txRoot() + " but transactions give " + root);
    }
    Set<OutPoint> spentInBlock = new HashSet<>(txs.size() * 2);
    for (int i = 1; i < txs.size(); i++) {
      for (TxIn in : txs.get(i).inputs()) {
        if (!spentInBlock.add(in.prev())) {
          return ValidationResult.reject(
              Rejection.DOUBLE_SPEND_IN_BLOCK, "outpoint " + in.prev() + " spent again", i);
        }
        if (!txids.contains(in.prev().txid())) {
          externalInputs.add(in.prev());
        }
      }
    }
    structureChecked = true;
    return ValidationResult.ok();
  }

  private ValidationResult checkHeader() {
    BlockHeader h = block.header();
    BlockHeader parent = ctx.parent();
    if (!h.chainId().equals(ctx.chainId())) {
      return ValidationResult.reject(
          Rejection.BAD_CHAIN_ID, "chain id " + h.chainId() + ", expected " + ctx.chainId());
    }
    if (h.height() != parent.height() + 1) {
      return ValidationResult.reject(
          Rejection.BAD_HEIGHT, "height " + h.height() + ", expected " + (parent.height() + 1));
    }
    if (!h.prevHash().equals(parent.hash())) {
      return ValidationResult.reject(
          Rejection.BAD_PREV_HASH, "prevHash " + h.prevHash() + ", expected " + parent.hash());
    }
    if (h.timestamp() <= parent.timestamp()) {
      return ValidationResult.reject(
          Rejection.BAD_TIMESTAMP,
          "timestamp " + h.timestamp() + " not after parent's " + parent.timestamp());
    }
    long latest = saturatingAdd(ctx.nowMillis(), ctx.params().maxClockDriftMs());
    if (h.timestamp() > latest) {
      return ValidationResult.reject(
          Rejection.BAD_TIMESTAMP,
          "timestamp " + h.timestamp() + " is more than the allowed drift ahead of " + latest);
    }
    if (!ctx.validators().contains(h.proposer())) {
      return ValidationResult.reject(
          Rejection.UNKNOWN_PROPOSER, "proposer " + h.proposer() + " is not a validator");
    }
    if (!h.nextValidatorsHash().equals(ctx.nextValidatorsHash())) {
      return ValidationResult.reject(
          Rejection.BAD_NEXT_VALIDATORS_HASH,
          "nextValidatorsHash "
              + h.nextValidatorsHash()
              + ", but the next epoch's set hashes to "
              + ctx.nextValidatorsHash());
    }
    Hash32 lastCommitHash = block.lastCommit().hash();
    if (!h.lastCommitHash().equals(lastCommitHash)) {
      return ValidationResult.reject(
          Rejection.BAD_LAST_COMMIT_HASH,
          "lastCommitHash "
              + h.lastCommitHash()
              + ", but the lastCommit hashes to "
              + lastCommitHash);
    }
    return ValidationResult.ok();
  }

  /**
   * Block 1 carries an empty lastCommit (the genesis block is not voted on); every later block the
   * parent's certificate, whose signers must be distinct members of the parent's set holding more
   * than 2/3 of its power. Its signatures are left to the pipeline.
   */
  private ValidationResult checkLastCommitSigners() {
    LastCommit lastCommit = block.lastCommit();
    BlockHeader parent = ctx.parent();
    if (parent.height() == 0) {
      return lastCommit.isEmpty()
          ? ValidationResult.ok()
          : ValidationResult.reject(
              Rejection.BAD_LAST_COMMIT,
              "block 1 must carry an empty lastCommit, got round "
                  + lastCommit.round()
                  + " with "
                  + lastCommit.signatures().size()
                  + " signatures");
    }
    CommitCertificate certificate = lastCommit.toCertificate(parent.height(), parent.hash());
    CertificateResult signers = certificate.verifySigners(ctx.parentValidators());
    if (!signers.isValid()) {
      return ValidationResult.reject(
          Rejection.BAD_LAST_COMMIT,
          "lastCommit is not a certificate of block " + parent.height() + ": " + signers.detail());
    }
    parentCertificate = certificate;
    return ValidationResult.ok();
  }

  /**
   * The certificate of the parent the block carries, whose signers {@link #checkStructure()}
   * checked, for its signatures to be verified against {@link BlockContext#parentValidators()};
   * null for block 1.
   */
  public CommitCertificate parentCertificate() {
    requireStructure();
    return parentCertificate;
  }

  /** Outpoints spent by the block that earlier blocks created, to fetch in one batch. */
  public List<OutPoint> externalInputs() {
    requireStructure();
    return externalInputs;
  }

  /**
   * Every transaction against the UTXOs ({@code found} holds what the view returned for {@link
   * #externalInputs()}; outputs of earlier transactions of this block are available too), then the
   * coinbase against the fees. On success the result carries the block's {@link BlockDelta}.
   */
  public ValidationResult checkInputs(Map<OutPoint, Utxo> found, Set<OutPoint> knownSpent) {
    requireStructure();
    List<Transaction> txs = block.txs();
    long height = block.height();
    Map<OutPoint, Utxo> created = new LinkedHashMap<>(txs.size() * 4);
    addOutputs(created, txs.get(0), height, true);
    List<Utxo> spent = new ArrayList<>(externalInputs.size());
    long fees = 0;
    for (int i = 1; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      ValidationResult r =
          TxRules.checkSpend(
              tx,
              op -> {
                Utxo u = created.get(op);
                return u != null ? u : found.get(op);
              },
              knownSpent,
              ctx.params());
      if (!r.isValid()) {
        return r.atTx(i);
      }
      fees += r.fee();
      if (fees < 0) {
        return ValidationResult.reject(Rejection.AMOUNT_OVERFLOW, "block fees overflow", i);
      }
      for (TxIn in : tx.inputs()) {
        if (created.remove(in.prev()) == null) {
          spent.add(found.get(in.prev()));
        }
      }
      addOutputs(created, tx, height, false);
    }
    long reward =
        Issuance.reward(ctx.params(), ctx.parent().timestamp(), block.header().timestamp());
    long total = reward + fees;
    if (total < 0) {
      return ValidationResult.reject(Rejection.AMOUNT_OVERFLOW, "reward plus fees overflows", 0);
    }
    String coinbaseProblem =
        CoinbaseRule.problem(
            txs.get(0),
            height,
            total,
            ctx.validators(),
            ctx.activeMembers(),
            block.header().proposer());
    if (coinbaseProblem != null) {
      return ValidationResult.reject(Rejection.BAD_COINBASE, coinbaseProblem, 0);
    }
    return ValidationResult.okBlock(
        new BlockDelta(height, spent, new ArrayList<>(created.values()), fees));
  }

  private static void addOutputs(
      Map<OutPoint, Utxo> created, Transaction tx, long height, boolean coinbase) {
    List<TxOut> outs = tx.outputs();
    Hash32 txid = tx.txid();
    for (int i = 0; i < outs.size(); i++) {
      OutPoint op = new OutPoint(txid, i);
      created.put(op, new Utxo(op, outs.get(i), height, coinbase));
    }
  }

  private void requireStructure() {
    if (!structureChecked) {
      throw new IllegalStateException("checkStructure() must pass first");
    }
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
