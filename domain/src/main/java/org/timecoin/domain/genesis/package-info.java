/**
 * The definition of a chain before its first block: {@link
 * org.timecoin.domain.genesis.GenesisConfig} (chain id, genesis hash, genesis block and UTXOs) and
 * the chain-wide {@link org.timecoin.domain.genesis.ConsensusParams}. Pure: reading files is the
 * node's job.
 */
package org.timecoin.domain.genesis;
