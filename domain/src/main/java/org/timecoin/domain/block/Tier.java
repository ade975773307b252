package org.timecoin.domain.block;

/** Masternode tier; {@link #rewardWeight()} is its share weight in the coinbase split. */
public enum Tier {
  FREE(1),
  BRONZE(10),
  SILVER(100),
  GOLD(1000);

  private final int rewardWeight;

  Tier(int rewardWeight) {
    this.rewardWeight = rewardWeight;
  }

  public int rewardWeight() {
    return rewardWeight;
  }
}
