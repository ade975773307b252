/**
 * Transactions and what they spend and create: {@link org.timecoin.domain.tx.Transaction}, its
 * inputs and outputs, {@link org.timecoin.domain.tx.OutPoint}, {@link org.timecoin.domain.tx.Utxo},
 * {@link org.timecoin.domain.tx.Address} (TIME0/TIME1 text form), amounts, and signing ({@link
 * org.timecoin.domain.tx.SigHash}, {@link org.timecoin.domain.tx.TxBuilder}). Every type has a
 * canonical {@code CODEC}.
 */
package org.timecoin.domain.tx;
