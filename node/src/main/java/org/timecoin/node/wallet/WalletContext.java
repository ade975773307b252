package org.timecoin.node.wallet;

import org.timecoin.common.Hash32;
import org.timecoin.domain.genesis.ConsensusParams;
import org.timecoin.domain.tx.Network;

/**
 * What the wallet needs to know of its chain: the chain id signatures bind, the consensus fee and
 * dust rules, the network of its addresses and the mempool's minimum fee rate (units per byte).
 */
public record WalletContext(
    Hash32 chainId, ConsensusParams params, Network network, long minFeeRate) {}
