/**
 * Masternodes on chain: the payloads of registration (v2) and deregistration (v3) transactions, the
 * registry's records and the read port over them ({@link
 * org.timecoin.domain.masternode.RegistryView}), epochs, liveness and the pure transition that
 * turns an applied block into changes of the registry and of the next validator sets.
 */
package org.timecoin.domain.masternode;
