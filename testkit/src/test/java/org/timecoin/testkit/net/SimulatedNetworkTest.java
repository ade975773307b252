package org.timecoin.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.timecoin.common.time.VirtualClock;
import org.timecoin.common.time.VirtualScheduler;

class SimulatedNetworkTest {
  private record Delivery(long atMillis, int from, int to, String message) {}

  private VirtualScheduler scheduler = new VirtualScheduler(new VirtualClock());
  private final List<Delivery> deliveries = new ArrayList<>();

  private SimulatedNetwork<String> network(int size, LinkProfile profile, long seed) {
    SimulatedNetwork<String> net =
        new SimulatedNetwork<>(scheduler, new SplittableRandom(seed), size, profile);
    for (int i = 0; i < size; i++) {
      int to = i;
      net.register(
          i, (from, m) -> deliveries.add(new Delivery(scheduler.nowMillis(), from, to, m)));
    }
    return net;
  }

  @Test
  void deliversAfterTheLinkDelay() {
    SimulatedNetwork<String> net = network(3, LinkProfile.reliable(DelayModel.fixedMillis(40)), 1);
    net.broadcast(0, "hello");
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(deliveries)
        .containsExactly(new Delivery(40, 0, 1, "hello"), new Delivery(40, 0, 2, "hello"));
    assertThat(net.stats().delivered()).isEqualTo(2);
  }

  @Test
  void aSeedReproducesTheSameRunExactly() {
    assertThat(lossyRun(77)).isEqualTo(lossyRun(77));
    assertThat(lossyRun(77)).isNotEqualTo(lossyRun(78));
  }

  private List<Delivery> lossyRun(long seed) {
    deliveries.clear();
    scheduler = new VirtualScheduler(new VirtualClock());
    LinkProfile profile =
        LinkProfile.reliable(DelayModel.exponentialMillis(5, 20, 500))
            .withLoss(0.2)
            .withDuplication(0.1)
            .withReordering(0.2, 100);
    SimulatedNetwork<String> net = network(4, profile, seed);
    for (int i = 0; i < 50; i++) {
      net.broadcast(i % 4, "m" + i);
    }
    scheduler.runFor(Duration.ofSeconds(10));
    return List.copyOf(deliveries);
  }

  @Test
  void lossDuplicationAndReorderingHappenAtTheirRates() {
    LinkProfile profile =
        LinkProfile.reliable(DelayModel.fixedMillis(10))
            .withLoss(0.25)
            .withDuplication(0.25)
            .withReordering(0.5, 50);
    SimulatedNetwork<String> net = network(2, profile, 3);
    for (int i = 0; i < 4000; i++) {
      net.send(0, 1, Integer.toString(i));
    }
    scheduler.runFor(Duration.ofSeconds(5));
    assertThat(net.stats().lost()).isBetween(850L, 1150L);
    assertThat(net.stats().duplicated()).isBetween(600L, 900L);
    List<Integer> order = deliveries.stream().map(d -> Integer.parseInt(d.message())).toList();
    assertThat(order).isNotEqualTo(order.stream().sorted().toList());
  }

  @Test
  void aPartitionDropsCrossingMessagesUntilItHeals() {
    SimulatedNetwork<String> net = network(4, LinkProfile.reliable(DelayModel.fixedMillis(5)), 1);
    net.partition(List.of(Set.of(0, 1)), Duration.ofMillis(100).toNanos());
    net.broadcast(0, "early");
    scheduler.runFor(Duration.ofMillis(50));
    assertThat(deliveries).containsExactly(new Delivery(5, 0, 1, "early"));
    assertThat(net.isSynchronous()).isFalse();

    scheduler.runFor(Duration.ofMillis(60));
    assertThat(net.isPartitioned()).isFalse();
    assertThat(net.isSynchronous()).isTrue();
    net.send(0, 3, "late");
    scheduler.runFor(Duration.ofMillis(10));
    assertThat(deliveries).last().isEqualTo(new Delivery(115, 0, 3, "late"));
    assertThat(net.stats().droppedByPartition()).isEqualTo(2);
  }

  @Test
  void messagesInFlightWhenAPartitionStartsAreLost() {
    SimulatedNetwork<String> net = network(2, LinkProfile.reliable(DelayModel.fixedMillis(50)), 1);
    net.send(0, 1, "x");
    scheduler.runFor(Duration.ofMillis(10));
    net.partition(List.of(Set.of(0)), Long.MAX_VALUE);
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(deliveries).isEmpty();
  }

  @Test
  void aLaterPartitionIsNotHealedByAnEarlierHealTime() {
    SimulatedNetwork<String> net = network(2, LinkProfile.reliable(DelayModel.fixedMillis(1)), 1);
    net.partition(List.of(Set.of(0)), Duration.ofMillis(10).toNanos());
    net.partition(List.of(Set.of(1)), Duration.ofMillis(100).toNanos());
    scheduler.runFor(Duration.ofMillis(50));
    assertThat(net.isPartitioned()).isTrue();
    scheduler.runFor(Duration.ofMillis(60));
    assertThat(net.isPartitioned()).isFalse();
  }

  @Test
  void aCrashLosesMessagesInFlightEvenAcrossARestart() {
    SimulatedNetwork<String> net = network(2, LinkProfile.reliable(DelayModel.fixedMillis(50)), 1);
    net.send(0, 1, "before");
    net.crash(1);
    net.send(1, 0, "from the dead");
    net.restart(1);
    net.send(0, 1, "after");
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(deliveries).containsExactly(new Delivery(50, 0, 1, "after"));
    assertThat(net.stats().droppedByCrash()).isEqualTo(1);
  }

  @Test
  void linkOverridesApplyToOneDirection() {
    SimulatedNetwork<String> net = network(2, LinkProfile.reliable(DelayModel.fixedMillis(5)), 1);
    net.setLink(0, 1, LinkProfile.reliable(DelayModel.fixedMillis(5)).withLoss(1.0));
    net.send(0, 1, "lost");
    net.send(1, 0, "kept");
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(deliveries).containsExactly(new Delivery(5, 1, 0, "kept"));
    assertThat(net.isSynchronous()).isFalse();
    net.clearLinkOverrides();
    assertThat(net.isSynchronous()).isTrue();
  }

  @Test
  void aContentFilterLosesOnlyMatchingMessages() {
    SimulatedNetwork<String> net = network(2, LinkProfile.reliable(DelayModel.fixedMillis(5)), 1);
    net.dropMatching(m -> m.startsWith("p"));
    assertThat(net.isSynchronous()).isFalse();
    net.send(0, 1, "proposal");
    net.send(0, 1, "vote");
    scheduler.runFor(Duration.ofSeconds(1));
    net.clearDropFilter();
    net.send(0, 1, "proposal again");
    scheduler.runFor(Duration.ofSeconds(1));
    assertThat(deliveries).extracting(Delivery::message).containsExactly("vote", "proposal again");
    assertThat(net.isSynchronous()).isTrue();
  }

  @Test
  void rejectsUnknownEndpointsAndBadProfiles() {
    SimulatedNetwork<String> net = network(2, LinkProfile.reliable(DelayModel.fixedMillis(5)), 1);
    assertThatThrownBy(() -> net.send(0, 2, "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> net.crash(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkProfile.reliable(DelayModel.fixedMillis(1)).withLoss(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DelayModel.uniformMillis(5, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DelayModel.exponentialMillis(5, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SimulatedNetwork<String>(scheduler, new SplittableRandom(1), 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delayModelsStayWithinTheirBounds() {
    SplittableRandom r = new SplittableRandom(5);
    DelayModel uniform = DelayModel.uniformMillis(10, 20);
    DelayModel exp = DelayModel.exponentialMillis(2, 30, 100);
    for (int i = 0; i < 10_000; i++) {
      assertThat(uniform.sampleNanos(r)).isBetween(10_000_000L, 20_000_000L);
      assertThat(exp.sampleNanos(r)).isBetween(2_000_000L, 100_000_000L);
    }
  }
}
