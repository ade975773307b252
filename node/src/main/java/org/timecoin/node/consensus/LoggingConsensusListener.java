package org.timecoin.node.consensus;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.timecoin.consensus.EquivocationEvidence;
import org.timecoin.consensus.Input;
import org.timecoin.consensus.RejectReason;
import org.timecoin.consensus.runtime.ConsensusListener;

/**
 * Reports misbehaviour seen by consensus: every equivocation loudly, refused messages at debug
 * level with a running count (a flood of them must not flood the log).
 */
public final class LoggingConsensusListener implements ConsensusListener {
  private static final Logger log = LoggerFactory.getLogger(LoggingConsensusListener.class);

  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong equivocations = new AtomicLong();

  @Override
  public void rejected(Input input, RejectReason reason) {
    long n = rejected.incrementAndGet();
    if (log.isDebugEnabled()) {
      log.debug("consensus refused {} ({}), {} refused so far", input, reason, n);
    }
  }

  @Override
  public void equivocation(EquivocationEvidence evidence) {
    equivocations.incrementAndGet();
    log.error("EQUIVOCATION: {}", evidence);
  }

  public long rejectedCount() {
    return rejected.get();
  }

  public long equivocationCount() {
    return equivocations.get();
  }
}
