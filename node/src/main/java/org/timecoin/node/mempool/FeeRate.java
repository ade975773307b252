package org.timecoin.node.mempool;

/** Compares fee rates fee/size exactly (128-bit cross products), without division or overflow. */
final class FeeRate {
  private FeeRate() {}

  /** Sign of (feeA / sizeA) − (feeB / sizeB); fees ≥ 0, sizes > 0. */
  static int compare(long feeA, int sizeA, long feeB, int sizeB) {
    long hiA = Math.multiplyHigh(feeA, sizeB);
    long loA = feeA * sizeB;
    long hiB = Math.multiplyHigh(feeB, sizeA);
    long loB = feeB * sizeA;
    int c = Long.compare(hiA, hiB);
    return c != 0 ? c : Long.compareUnsigned(loA, loB);
  }
}
