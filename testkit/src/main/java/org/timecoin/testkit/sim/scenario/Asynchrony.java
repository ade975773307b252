package org.timecoin.testkit.sim.scenario;

import java.util.SplittableRandom;
import org.timecoin.testkit.net.DelayModel;
import org.timecoin.testkit.net.LinkProfile;
import org.timecoin.testkit.sim.SimRun;

/** Network weather for fault phases: slow tails, reordering and some loss, drawn from the seed. */
final class Asynchrony {
  private Asynchrony() {}

  /** A link profile with heavy delay tails and reordering; loss up to {@code maxLoss}. */
  static LinkProfile profile(SplittableRandom r, double maxLoss, double maxDuplication) {
    long base = 1 + r.nextLong(20);
    return LinkProfile.reliable(
            DelayModel.exponentialMillis(base, 20 + r.nextInt(400), base + 500 + r.nextLong(2_500)))
        .withLoss(maxLoss == 0 ? 0 : r.nextDouble(maxLoss))
        .withDuplication(maxDuplication == 0 ? 0 : r.nextDouble(maxDuplication))
        .withReordering(r.nextDouble(0.3), r.nextLong(1_000));
  }

  /** Applies {@code profile} to the whole network, and a harsher one to a few random links. */
  static void apply(SimRun run, LinkProfile profile, double maxLoss) {
    SplittableRandom r = run.random();
    run.network().setDefaultProfile(profile);
    int size = run.network().size();
    for (int i = 0, bad = r.nextInt(size + 1); i < bad; i++) {
      int from = r.nextInt(size);
      int to = r.nextInt(size);
      if (from != to) {
        run.network().setLink(from, to, profile(r, Math.min(1.0, maxLoss * 2), 0.1));
      }
    }
  }
}
