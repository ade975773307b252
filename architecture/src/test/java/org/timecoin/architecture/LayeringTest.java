package org.timecoin.architecture;

import static org.timecoin.architecture.LayeringRules.COMMON_AND_DOMAIN;
import static org.timecoin.architecture.LayeringRules.CONSENSUS_CORE;
import static org.timecoin.architecture.LayeringRules.P2P;
import static org.timecoin.architecture.LayeringRules.RPC;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The production classes of every module obey the layering. A rule whose layer matches no class
 * fails too, so renaming a package cannot switch a rule off unnoticed.
 */
@AnalyzeClasses(packages = "org.timecoin", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

  @ArchTest
  static final ArchRule consensusCoreStartsNoThreads =
      LayeringRules.startsNoThreads(CONSENSUS_CORE);

  @ArchTest
  static final ArchRule consensusCoreReadsNoClock = LayeringRules.readsNoClock(CONSENSUS_CORE);

  @ArchTest static final ArchRule consensusCoreDoesNoIo = LayeringRules.doesNoIo(CONSENSUS_CORE);

  @ArchTest
  static final ArchRule consensusCoreUsesNoNettyOrRocksDb =
      LayeringRules.usesNoNettyOrRocksDb(CONSENSUS_CORE);

  @ArchTest
  static final ArchRule consensusCoreLogsNothing = LayeringRules.logsNothing(CONSENSUS_CORE);

  @ArchTest static final ArchRule commonAndDomainDoNoIo = LayeringRules.doesNoIo(COMMON_AND_DOMAIN);

  @ArchTest static final ArchRule rpcStaysOutOfStorage = LayeringRules.staysOutOfStorage(RPC);

  @ArchTest
  static final ArchRule rpcSeesTheNodeOnlyThroughItsPorts =
      LayeringRules.seesTheNodeOnlyThroughItsPorts(RPC);

  @ArchTest static final ArchRule p2pKnowsNoConsensus = LayeringRules.knowsNoConsensus(P2P);
}
