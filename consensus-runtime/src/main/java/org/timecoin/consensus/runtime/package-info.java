/**
 * The consensus runtime: runs the pure Tendermint core of {@code org.timecoin.consensus} on one
 * owner thread, with a crash-safe WAL, timers and ports to the rest of the node.
 *
 * <p>Assembly, in the node:
 *
 * <pre>{@code
 * ConsensusRuntime runtime = ConsensusRuntime.builder()
 *     .config(ConsensusConfig.DEFAULT
 *         .withTimeouts(propose, prevote, precommit, delta, maxRoundTimeout)   // [consensus]
 *         .withBlockIntervals(blockInterval, emptyBlockInterval))              // [block]
 *     .chainId(genesis.chainId())
 *     .signer(new LocalKeySigner(nodeKey))          // omit on a non-validator
 *     .dataDir(dataDir.resolve("consensus"))        // wal/ and last-signed
 *     .startHeight(chain.tipHeight() + 1)
 *     .validatorSets(chain::validatorsAt)
 *     .gossip(p2pGossip).blockProducer(producer).blockValidator(ports).finalizer(ports)
 *     .scheduler(scheduler).meterRegistry(registry)
 *     .build();
 * runtime.start();                                   // may throw WalCorruptedException
 * runtime.failure().thenAccept(cause -> stopNode(cause));
 * // network threads:  runtime.submitProposal(proposal, block); runtime.submitVote(vote);
 * // mempool:          runtime.transactionsAvailable();
 * // block sync:       runtime.caughtUp(storedTip);
 * // RPC:              runtime.status();
 * }</pre>
 *
 * <p>{@link org.timecoin.consensus.runtime.ConsensusRuntime} is {@link
 * org.timecoin.consensus.runtime.ConsensusLoop} over chain blocks with the file WAL and threads;
 * the deterministic simulation runs the same loop over blocks of its own on virtual time.
 *
 * <p>Threads: the owner thread ({@code consensus-owner}) is the only one that touches consensus
 * state and the WAL; signature checks and block validation run on the validation pool; timers run
 * on the injected {@link org.timecoin.common.time.Scheduler} and only post inputs. Ports are called
 * on the owner thread (except {@link org.timecoin.consensus.runtime.BlockValidatorPort}, called on
 * the validation pool) and must not block it.
 */
package org.timecoin.consensus.runtime;
