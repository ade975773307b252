package org.timecoin.domain.validation;

/** Why a transaction or block is invalid. Each reason has a test in this module. */
public enum Rejection {
  // --- transaction structure (no state needed) ---
  /** Encoded transaction larger than max_tx_bytes (1 MB). */
  OVERSIZE_TX,
  /** A non-coinbase transaction without inputs (only a block's first transaction may have none). */
  NO_INPUTS,
  /** A non-coinbase transaction without outputs. */
  NO_OUTPUTS,
  /** The same outpoint spent twice in one transaction. */
  DUPLICATE_INPUT,
  /** A non-coinbase output below the dust limit (546 units). */
  DUST,
  /** A sum of amounts (outputs, inputs, fees, reward) does not fit in a signed 64-bit integer. */
  AMOUNT_OVERFLOW,

  // --- transaction against the UTXO set ---
  /** An input refers to an output that never existed (or is not yet known). */
  UNKNOWN_INPUT,
  /** An input refers to an output that existed and has been spent. */
  ALREADY_SPENT,
  /** An input's public key does not hash to the address of the output it spends. */
  PUBKEY_MISMATCH,
  /** Outputs are worth more than the inputs. */
  INSUFFICIENT_FUNDS,
  /** Fee below max(min_fee, ceil(0.1% of the outputs)). */
  FEE_TOO_LOW,
  /** A signature does not verify over SHA-256(chainId ‖ unsigned txid ‖ input index). */
  BAD_SIGNATURE,

  // --- masternode transactions (versions 2 and 3): payload alone ---
  /** Transaction version other than 1 (transfer), 2 (registration) or 3 (deregistration). */
  UNKNOWN_TX_VERSION,
  /** A registration of tier FREE, which locks no collateral and cannot be registered. */
  FREE_TIER_REGISTRATION,
  /** A registration's network address is not host:port of at most 64 ASCII characters. */
  BAD_NETWORK_ADDRESS,
  /**
   * A registration's output 0 (the collateral) does not pay exactly the tier's collateral to the
   * address of input 0's key.
   */
  BAD_COLLATERAL,
  /** A registration or deregistration whose operator or owner signature is missing (all zeros). */
  MISSING_PAYLOAD_SIGNATURE,

  // --- masternode transactions against the registry ---
  /** A registration's operator signature does not verify over SigHash.operator. */
  BAD_OPERATOR_SIGNATURE,
  /** A registration names an operator key that is already registered. */
  OPERATOR_ALREADY_REGISTERED,
  /** A registration's collateral outpoint is already a registered collateral. */
  COLLATERAL_ALREADY_USED,
  /** Two registrations of one operator key in one block or in the mempool. */
  DUPLICATE_REGISTRATION,
  /** A deregistration names a collateral that no registered masternode has. */
  UNKNOWN_MASTERNODE,
  /** A deregistration of a masternode that is already leaving. */
  ALREADY_LEAVING,
  /** A deregistration whose owner key does not hash to the collateral's address. */
  NOT_COLLATERAL_OWNER,
  /** A deregistration's owner signature does not verify over SigHash.owner. */
  BAD_OWNER_SIGNATURE,
  /** Spends the collateral of a masternode in the current or the next epoch's validator set. */
  COLLATERAL_LOCKED,

  // --- block ---
  /** Header chain id is not this chain's. */
  BAD_CHAIN_ID,
  /** Height is not parent height + 1. */
  BAD_HEIGHT,
  /** prevHash is not the parent's hash. */
  BAD_PREV_HASH,
  /** Timestamp not after the parent's, or too far ahead of the local clock. */
  BAD_TIMESTAMP,
  /** Header nextValidatorsHash is not the hash of the next epoch's validator set. */
  BAD_NEXT_VALIDATORS_HASH,
  /** Header lastCommitHash is not the hash of the lastCommit the block carries. */
  BAD_LAST_COMMIT_HASH,
  /**
   * The lastCommit is not empty at height 1, or not a valid certificate of the parent at height 2
   * and above (a signer outside the parent's validator set, a signer twice, no more than 2/3 of the
   * power, a signature that does not verify).
   */
  BAD_LAST_COMMIT,
  /** Proposer is not in the validator set. */
  UNKNOWN_PROPOSER,
  /** Encoded block larger than max_block_bytes. */
  OVERSIZE_BLOCK,
  /**
   * Coinbase missing, not first, more than one, with inputs, with lockTime other than the height,
   * or not paying exactly the {@link Issuance} reward + fees as {@link CoinbaseRule} splits them.
   */
  BAD_COINBASE,
  /** Two transactions of the block have the same txid (also guards CVE-2012-2459). */
  DUPLICATE_TXID,
  /** Header txRoot is not the Merkle root of the block's txids. */
  BAD_MERKLE_ROOT,
  /** Two transactions of the block spend the same outpoint. */
  DOUBLE_SPEND_IN_BLOCK,
  /** Header stateRoot is not the UTXO-set commitment after applying the block. */
  BAD_STATE_ROOT
}
