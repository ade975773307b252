package org.timecoin.domain.block;

import org.timecoin.domain.tx.Amounts;

/**
 * Masternode tier: the collateral a registration locks (in units), the voting power a registered
 * masternode gets and its weight in the coinbase split. FREE locks nothing and is not registrable
 * on chain (anyone could register thousands of free nodes), so it has neither power nor reward;
 * genesis validators keep the voting power of their genesis entry whatever their tier.
 */
public enum Tier {
  FREE(0, 0, 0),
  BRONZE(1_000, 1, 1_000),
  SILVER(10_000, 10, 10_000),
  GOLD(100_000, 100, 100_000);

  private final long collateral;
  private final long votingPower;
  private final long rewardWeight;

  Tier(long collateralTime, long votingPower, long rewardWeight) {
    this.collateral = collateralTime * Amounts.UNITS_PER_TIME;
    this.votingPower = votingPower;
    this.rewardWeight = rewardWeight;
  }

  /** Collateral a registration of this tier locks, in units (exactly this amount). */
  public long collateral() {
    return collateral;
  }

  /** Voting power of a registered masternode of this tier. */
  public long votingPower() {
    return votingPower;
  }

  /** Share weight in the coinbase split. */
  public long rewardWeight() {
    return rewardWeight;
  }
}
