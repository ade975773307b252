package org.timecoin.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.timecoin.architecture.fixture.consensus.Logs;
import org.timecoin.architecture.fixture.consensus.PureRule;
import org.timecoin.architecture.fixture.consensus.ReadsAFile;
import org.timecoin.architecture.fixture.consensus.ReadsTheClock;
import org.timecoin.architecture.fixture.consensus.StartsAThread;
import org.timecoin.architecture.fixture.consensus.UsesNetty;
import org.timecoin.architecture.fixture.consensus.UsesRocksDb;
import org.timecoin.architecture.fixture.domain.PureValue;
import org.timecoin.architecture.fixture.domain.WritesAFile;
import org.timecoin.architecture.fixture.p2p.KnowsConsensus;
import org.timecoin.architecture.fixture.p2p.MovesBytes;
import org.timecoin.architecture.fixture.rpc.ReachesIntoStorage;
import org.timecoin.architecture.fixture.rpc.UsesNodeInternals;
import org.timecoin.architecture.fixture.rpc.UsesThePorts;

/** Each layering rule reports the fixture class written to break it, and passes a clean one. */
class LayeringRulesCanFailTest {

  private static final String FIXTURE = "org.timecoin.architecture.fixture";

  @Test
  void threadRuleCatchesAThread() {
    assertRule(LayeringRules::startsNoThreads, "consensus", StartsAThread.class, PureRule.class);
  }

  @Test
  void clockRuleCatchesInstantNow() {
    assertRule(LayeringRules::readsNoClock, "consensus", ReadsTheClock.class, PureRule.class);
  }

  @Test
  void ioRuleCatchesAFileReadInConsensus() {
    assertRule(LayeringRules::doesNoIo, "consensus", ReadsAFile.class, PureRule.class);
  }

  @Test
  void nettyAndRocksDbRuleCatchesNetty() {
    assertRule(LayeringRules::usesNoNettyOrRocksDb, "consensus", UsesNetty.class, PureRule.class);
  }

  @Test
  void nettyAndRocksDbRuleCatchesRocksDb() {
    assertRule(LayeringRules::usesNoNettyOrRocksDb, "consensus", UsesRocksDb.class, PureRule.class);
  }

  @Test
  void loggingRuleCatchesALogger() {
    assertRule(LayeringRules::logsNothing, "consensus", Logs.class, PureRule.class);
  }

  @Test
  void ioRuleCatchesAFileWriteInDomain() {
    assertRule(LayeringRules::doesNoIo, "domain", WritesAFile.class, PureValue.class);
  }

  @Test
  void storageRuleCatchesRpcReadingTheStore() {
    assertRule(
        LayeringRules::staysOutOfStorage, "rpc", ReachesIntoStorage.class, UsesThePorts.class);
  }

  @Test
  void portsRuleCatchesRpcUsingNodeInternals() {
    assertRule(
        LayeringRules::seesTheNodeOnlyThroughItsPorts,
        "rpc",
        UsesNodeInternals.class,
        UsesThePorts.class);
  }

  @Test
  void consensusRuleCatchesP2pReadingAVote() {
    assertRule(LayeringRules::knowsNoConsensus, "p2p", KnowsConsensus.class, MovesBytes.class);
  }

  /**
   * The rule, applied to the fixture layer, flags the violator by name and nothing in the clean
   * class.
   */
  private static void assertRule(
      Function<DescribedPredicate<? super JavaClass>, ArchRule> rule,
      String layer,
      Class<?> violator,
      Class<?> clean) {
    ArchRule applied = rule.apply(resideInAPackage(FIXTURE + "." + layer + ".."));

    EvaluationResult broken = applied.evaluate(new ClassFileImporter().importClasses(violator));
    assertThat(broken.hasViolation()).isTrue();
    assertThat(broken.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains(violator.getName()));

    EvaluationResult obeyed = applied.evaluate(new ClassFileImporter().importClasses(clean));
    assertThat(obeyed.hasViolation()).as(obeyed.getFailureReport().toString()).isFalse();
  }
}
