package org.timecoin.node.clock;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.timecoin.common.time.Scheduler;
import org.timecoin.domain.crypto.KeyPair;
import org.timecoin.node.net.FakeNetwork;
import org.timecoin.p2p.PeerInfo;

class ClockCheckTest {
  static final long DRIFT = 10_000;

  /** Timers fire when the test says; it records each delay asked for. */
  static final class ManualScheduler implements Scheduler {
    final List<Runnable> due = new ArrayList<>();
    final List<Duration> delays = new ArrayList<>();

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      due.add(task);
      delays.add(delay);
      return () -> due.remove(task);
    }

    void fireNext() {
      due.remove(0).run();
    }
  }

  final List<PeerInfo> peers = new CopyOnWriteArrayList<>();
  final ManualScheduler scheduler = new ManualScheduler();
  final ClockCheck check = new ClockCheck(() -> peers, DRIFT, scheduler);
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger logger = (Logger) LoggerFactory.getLogger(ClockCheck.class);
  int seed;

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  void peerOffBy(long millis) {
    byte[] s = new byte[32];
    s[0] = (byte) ++seed;
    peers.add(FakeNetwork.peer(KeyPair.fromSeed(s).publicKey(), 0, millis));
  }

  List<String> warnings() {
    return logs.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void theMedianOffsetIsKeptAndAFewWrongClocksDoNotMoveIt() {
    peerOffBy(100);
    peerOffBy(-200);
    peerOffBy(300);
    peerOffBy(3_600_000); // one peer an hour off, maybe lying
    peerOffBy(250);
    ClockCheck.Reading r = check.check();
    assertThat(r.offsetMillis()).isEqualTo(250);
    assertThat(r.samples()).isEqualTo(5);
    assertThat(r.drifted()).isFalse();
    assertThat(check.offsetMillis()).isEqualTo(250);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void beyondTheChainsDriftAWarningGivesTheOffset() {
    peerOffBy(20_000);
    peerOffBy(21_000);
    ClockCheck.Reading r = check.check();
    assertThat(r.drifted()).isTrue();
    assertThat(r.offsetMillis()).isEqualTo(20_500);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("20500 ms behind the median of 2 peers")
        .contains("10000 ms");

    peers.clear();
    peerOffBy(-15_000);
    check.check();
    assertThat(warnings()).last().asString().contains("15000 ms ahead of the median of 1 peers");
  }

  @Test
  void exactlyTheAllowedDriftIsNoWarning() {
    peerOffBy(DRIFT);
    assertThat(check.check().drifted()).isFalse();
  }

  @Test
  void peersWithoutAClockAreLeftOutAndNoneGivesNoReading() {
    peerOffBy(PeerInfo.NO_CLOCK_OFFSET);
    ClockCheck.Reading r = check.check();
    assertThat(r.samples()).isZero();
    assertThat(r.drifted()).isFalse();
    assertThat(check.offsetMillis()).isZero();
  }

  @Test
  void checksSoonAfterStartUntilAPeerIsThereThenEveryThirtyMinutes() {
    check.start();
    assertThat(scheduler.delays).containsExactly(ClockCheck.STARTUP_DELAY);
    scheduler.fireNext(); // nobody connected yet: try again soon
    assertThat(scheduler.delays).last().isEqualTo(ClockCheck.STARTUP_DELAY);
    peerOffBy(30_000);
    scheduler.fireNext();
    assertThat(check.offsetMillis()).isEqualTo(30_000);
    assertThat(scheduler.delays).last().isEqualTo(ClockCheck.PERIOD);
    assertThat(ClockCheck.PERIOD).isEqualTo(Duration.ofMinutes(30));
    peers.clear();
    peerOffBy(0);
    scheduler.fireNext();
    assertThat(check.offsetMillis()).isZero();

    check.close();
    assertThat(scheduler.due).isEmpty();
  }
}
