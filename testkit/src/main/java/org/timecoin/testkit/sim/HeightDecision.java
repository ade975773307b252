package org.timecoin.testkit.sim;

import java.util.List;
import org.timecoin.common.Hash32;
import org.timecoin.consensus.Vote;

/** The decision of one height at a simulated node, kept to help peers catch up. */
record HeightDecision(long height, int round, Hash32 value, List<Vote> precommits) {}
