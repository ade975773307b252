package org.timecoin.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Clock;

class RateLimitedLogTest {
  final Logger logger = (Logger) LoggerFactory.getLogger("rate-limited-log-test");
  final ListAppender<ILoggingEvent> written = new ListAppender<>();
  long nowNanos = 1_000;
  final Clock clock =
      new Clock() {
        @Override
        public long wallMillis() {
          return nowNanos / 1_000_000;
        }

        @Override
        public long monoNanos() {
          return nowNanos;
        }
      };
  final RateLimitedLog log = RateLimitedLog.of(logger, clock, 3, Duration.ofSeconds(10));

  @BeforeEach
  void attach() {
    written.start();
    logger.addAppender(written);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(written);
  }

  List<String> messages() {
    return written.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void aFloodOfOneMessageIsCutToItsBudgetPerWindowAndTheRestAreCounted() {
    for (int i = 0; i < 1_000; i++) {
      log.info("peer {}: malformed frame", i);
    }
    assertThat(messages())
        .containsExactly(
            "peer 0: malformed frame", "peer 1: malformed frame", "peer 2: malformed frame");

    nowNanos += Duration.ofSeconds(10).toNanos();
    log.info("peer {}: malformed frame", 1_000);
    assertThat(messages())
        .hasSize(4)
        .last()
        .isEqualTo("peer 1000: malformed frame (997 similar messages suppressed)");

    log.info("peer {}: malformed frame", 1_001);
    assertThat(messages()).last().isEqualTo("peer 1001: malformed frame");
  }

  @Test
  void eachMessageHasItsOwnBudget() {
    for (int i = 0; i < 10; i++) {
      log.warn("banned {}", i);
      log.info("connected {}", i);
    }
    assertThat(messages()).filteredOn(m -> m.startsWith("banned")).hasSize(3);
    assertThat(messages()).filteredOn(m -> m.startsWith("connected")).hasSize(3);
  }

  @Test
  void theCountGoesBeforeAThrowableSoTheStackTraceIsKept() {
    for (int i = 0; i < 5; i++) {
      log.warn("error on {}", "conn", new IOException("reset"));
    }
    nowNanos += Duration.ofSeconds(11).toNanos();
    log.warn("error on {}", "conn", new IOException("reset"));
    ILoggingEvent last = written.list.getLast();
    assertThat(last.getFormattedMessage())
        .isEqualTo("error on conn (2 similar messages suppressed)");
    assertThat(last.getThrowableProxy().getMessage()).isEqualTo("reset");
  }

  @Test
  void distinctFormatsBeyondTheCapShareOneBudget() {
    for (int i = 0; i < RateLimitedLog.MAX_KEYS + 50; i++) {
      log.info("format number " + i);
    }
    assertThat(messages()).hasSize(RateLimitedLog.MAX_KEYS + 3);
  }

  @Test
  void refusesAnEmptyBudget() {
    assertThatThrownBy(() -> RateLimitedLog.of(logger, clock, 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
