package org.timecoin.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.time.InstantSource;

/**
 * The layering of ARCHITECTURE.md as rules. Each rule takes the classes it governs as a predicate,
 * so the same rule checks the real modules and a fixture written to break it.
 */
final class LayeringRules {

  /**
   * consensus-core shares the package root with consensus-runtime, which may use threads and files.
   */
  static final DescribedPredicate<JavaClass> CONSENSUS_CORE =
      resideInAPackage("org.timecoin.consensus..")
          .and(not(resideInAPackage("org.timecoin.consensus.runtime..")))
          .as("consensus-core");

  static final DescribedPredicate<JavaClass> COMMON_AND_DOMAIN =
      resideInAnyPackage("org.timecoin.common..", "org.timecoin.domain..").as("common and domain");

  static final DescribedPredicate<JavaClass> RPC = resideInAPackage("org.timecoin.rpc..").as("rpc");

  static final DescribedPredicate<JavaClass> P2P = resideInAPackage("org.timecoin.p2p..").as("p2p");

  private static final String[] IO_PACKAGES = {
    "java.io..", "java.nio.file..", "java.nio.channels..", "java.net.."
  };

  private static final DescribedPredicate<JavaMethodCall> READS_A_CLOCK =
      new DescribedPredicate<>("read the wall clock or a timer") {
        @Override
        public boolean test(JavaMethodCall call) {
          String owner = call.getTarget().getOwner().getName();
          String name = call.getTarget().getName();
          return owner.equals("java.lang.System")
                  && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
              || owner.startsWith("java.time.") && name.equals("now");
        }
      };

  private LayeringRules() {}

  static ArchRule startsNoThreads(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .dependOnClassesThat(
            assignableTo(Thread.class)
                .or(resideInAPackage("java.util.concurrent.."))
                .as("threads, executors or concurrency utilities"))
        .because(
            "consensus-core is a pure state machine; its owner thread lives in consensus-runtime");
  }

  static ArchRule readsNoClock(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .callMethodWhere(READS_A_CLOCK)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(InstantSource.class)
        .because("time reaches consensus as inputs, so the simulation can run it on virtual time");
  }

  static ArchRule doesNoIo(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(IO_PACKAGES)
        .because("files and sockets belong to storage, p2p, rpc and the runtime around the rules");
  }

  static ArchRule usesNoNettyOrRocksDb(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..", "org.rocksdb..")
        .because("consensus rules reach the network and the disk only through their ports");
  }

  static ArchRule logsNothing(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "org.slf4j..",
                    "ch.qos.logback..",
                    "java.util.logging..",
                    "org.apache.logging..")
                .or(assignableTo(System.Logger.class))
                .as("a logging API"))
        .because("consensus-core reports through effects; the runtime decides what to log");
  }

  static ArchRule staysOutOfStorage(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.timecoin.storage..")
        .because("RPC methods read the chain through the ChainQueries facade");
  }

  static ArchRule seesTheNodeOnlyThroughItsPorts(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.timecoin.node..")
                .and(
                    not(
                        resideInAnyPackage(
                            "org.timecoin.node.api..", "org.timecoin.node.config..")))
                .as("node classes outside node.api (the ports) and node.config (its own settings)"))
        .because("the node's internals may change without the RPC server noticing");
  }

  static ArchRule knowsNoConsensus(DescribedPredicate<? super JavaClass> layer) {
    return noClasses()
        .that(layer)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.timecoin.consensus..")
        .because("p2p moves typed messages and never reads what they mean");
  }
}
